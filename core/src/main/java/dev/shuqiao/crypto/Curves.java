package dev.shuqiao.crypto;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The two short-Weierstrass curves as shared Bouncy Castle domain parameters on BC's optimised
 * custom curve classes. Keeping one generator instance matters: BC caches its fixed-base comb
 * precomputation on the point object, whereas parameters rebuilt from a JCA key per call redo it
 * every time (measured: SM2 {@code initSign} 277 µs through JCA).
 */
final class Curves {

  static final ECDomainParameters SM2 = new ECDomainParameters(CustomNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1));
  static final ECDomainParameters P256 = new ECDomainParameters(CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1));

  private Curves() {}

  static ECDomainParameters of(KeyAlgorithm algorithm) {
    return algorithm == KeyAlgorithm.SM2 ? SM2 : P256;
  }

  static ECPrivateKeyParameters privateKey(PrivateKey key, ECDomainParameters domain) throws InvalidKeyException {
    if (!(key instanceof ECPrivateKey ec)) {
      throw new InvalidKeyException("not an EC private key");
    }
    return new ECPrivateKeyParameters(ec.getS(), domain);
  }

  /**
   * The public point of a certificate key of type {@code algorithm}, one instance per key from
   * {@link PublicKeys} so Bouncy Castle's precomputation on it is reused; a key in a form our
   * certificates do not use (a compressed point, explicit parameters) is decoded for this call, as
   * {@link #publicKey} does.
   */
  static ECPublicKeyParameters reusedPublicKey(KeyAlgorithm algorithm, PublicKey key) throws InvalidKeyException {
    try {
      return PublicKeys.ec(algorithm, key);
    } catch (InvalidKeyException e) {
      return publicKey(key, of(algorithm));
    }
  }

  /** The public point of {@code key} on {@code domain}, validated (on the curve, not infinity). */
  static ECPublicKeyParameters publicKey(PublicKey key, ECDomainParameters domain) throws InvalidKeyException {
    try {
      byte[] point = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getOctets();
      return new ECPublicKeyParameters(domain.getCurve().decodePoint(point), domain);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InvalidKeyException("not a valid public key on this curve");
    }
  }
}
