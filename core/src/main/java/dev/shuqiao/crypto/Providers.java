package dev.shuqiao.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The providers this package uses, as explicit instances: nothing is registered globally, so an
 * application's own provider order cannot change which implementation verifies our signatures.
 */
final class Providers {

  /** Bouncy Castle: SM2, SM3, SM4, Ed25519, ECDSA/ECDH (passes Wycheproof where SunEC does not), PKIX. */
  static final Provider BC = new BouncyCastleProvider();

  private Providers() {}
}
