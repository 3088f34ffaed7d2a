package dev.shuqiao.crypto;

import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** The key types a department identity or a certificate authority may hold; each belongs to one {@link Suite}. */
public enum KeyAlgorithm {
  /** SM2 on the curve sm2p256v1; signs with SM3withSM2. */
  SM2(Suite.GM),
  /** Ed25519; its key also serves X25519 key agreement (RFC 7748 birational map). */
  ED25519(Suite.INTL),
  /** ECDSA and ECDH on NIST P-256 (secp256r1) with SHA-256. */
  ECDSA_P256(Suite.INTL);

  private final Suite suite;

  KeyAlgorithm(Suite suite) {
    this.suite = suite;
  }

  /** The suite this key type belongs to. */
  public Suite suite() {
    return suite;
  }

  /**
   * The name of this key type's signature algorithm on the wire (the {@code alg} parameter of the
   * hub's HTTP message signatures): {@code sm2-sm3}, {@code ed25519}, {@code ecdsa-p256-sha256}.
   */
  public String signatureName() {
    return switch (this) {
      case SM2 -> "sm2-sm3";
      case ED25519 -> "ed25519";
      case ECDSA_P256 -> "ecdsa-p256-sha256";
    };
  }

  /**
   * The key type of a public key, read from its encoded SubjectPublicKeyInfo (the curve OID, not the
   * JCA algorithm name, which says "EC" for both SM2 and P-256).
   *
   * @throws IllegalArgumentException for any other key type or curve
   */
  static KeyAlgorithm of(PublicKey key) {
    if (key == null) {
      throw new IllegalArgumentException("no public key");
    }
    AlgorithmIdentifier id = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
    ASN1ObjectIdentifier oid = id.getAlgorithm();
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return ED25519;
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey) && id.getParameters() instanceof ASN1ObjectIdentifier curve) {
      if (curve.equals(GMObjectIdentifiers.sm2p256v1)) {
        return SM2;
      }
      if (curve.equals(SECObjectIdentifiers.secp256r1)) {
        return ECDSA_P256;
      }
    }
    throw new IllegalArgumentException("unsupported key type; use SM2, Ed25519 or ECDSA P-256 keys");
  }
}
