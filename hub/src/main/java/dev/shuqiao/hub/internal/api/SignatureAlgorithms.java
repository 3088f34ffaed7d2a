package dev.shuqiao.hub.internal.api;

import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The HTTP signature algorithms, one per department key type, always on Bouncy Castle (as core's
 * crypto does): SM2 with SM3 and the default user id, Ed25519, ECDSA P-256 with SHA-256 (r||s).
 */
final class SignatureAlgorithms {

  private static final Provider BC = new BouncyCastleProvider();
  private static final byte[] SM2_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  private SignatureAlgorithms() {}

  static Provider provider() {
    return BC;
  }

  /** The {@code alg} parameter value for a key type. */
  static String name(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case SM2 -> "sm2-sm3";
      case ED25519 -> "ed25519";
      case ECDSA_P256 -> "ecdsa-p256-sha256";
    };
  }

  /** True only for a valid signature; never throws on malformed input. */
  static boolean verify(Department signer, byte[] signature, byte[] base) {
    KeyAlgorithm algorithm = signer.keyAlgorithm();
    if (algorithm != KeyAlgorithm.SM2 && signature.length != 64) {
      return false;
    }
    try {
      Signature verifier = instance(algorithm);
      verifier.initVerify(signer.certificate().getPublicKey());
      verifier.update(base);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static Signature instance(KeyAlgorithm algorithm) throws GeneralSecurityException {
    switch (algorithm) {
      case SM2: {
        Signature signature = Signature.getInstance("SM3withSM2", BC);
        signature.setParameter(new SM2ParameterSpec(SM2_USER_ID));
        return signature;
      }
      case ED25519:
        return Signature.getInstance("Ed25519", BC);
      default:
        return Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
    }
  }
}
