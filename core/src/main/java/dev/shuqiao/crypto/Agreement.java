package dev.shuqiao.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * Raw Diffie-Hellman for the INTL suite: ECDH on P-256 and X25519 (an Ed25519 key converted with
 * the RFC 7748 birational map). Encodings are strict: a P-256 point must be 65 bytes uncompressed
 * and on the curve; a SubjectPublicKeyInfo must be DER and name the curve; an all-zero X25519
 * result (low-order peer key) is refused.
 */
final class Agreement {

  static final int P256_POINT_BYTES = 65;
  static final int X25519_BYTES = 32;

  private static final ECDomainParameters P256_DOMAIN = Curves.P256;
  private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();
  private static final BigInteger ED25519_P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  private Agreement() {}

  /** The x coordinate of {@code d * peer}, 32 bytes. */
  static byte[] p256(BigInteger privateScalar, byte[] peerPoint) throws GeneralSecurityException {
    ECPublicKeyParameters peer = p256Point(peerPoint);
    ECDHBasicAgreement agreement = new ECDHBasicAgreement();
    try {
      agreement.init(new ECPrivateKeyParameters(privateScalar, P256_DOMAIN));
      return BigIntegers.asUnsignedByteArray(32, agreement.calculateAgreement(peer));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InvalidKeyException("P-256 agreement failed");
    }
  }

  /**
   * The same x coordinate for a peer point used again and again, a recipient's certificate key as
   * {@link PublicKeys} keeps it: Bouncy Castle's fixed-point comb, constant time in {@code d} like
   * the constant-time multiplier BC's ECDH uses, but its table is stored on the point object, so it
   * is built once per key (BC's ECDH builds a window table for the peer point on every call) and each
   * agreement then costs about what the ephemeral key's own {@code d * G} costs.
   */
  static byte[] p256(BigInteger d, ECPublicKeyParameters peer) throws InvalidKeyException {
    if (peer.getParameters() != P256_DOMAIN || d.signum() <= 0 || d.compareTo(P256_DOMAIN.getN()) >= 0) {
      throw new InvalidKeyException("P-256 agreement needs a P-256 point and a scalar in [1, n-1]");
    }
    ECPoint shared = COMB.multiply(peer.getQ(), d).normalize();
    if (shared.isInfinity()) {
      throw new InvalidKeyException("P-256 agreement failed");
    }
    return BigIntegers.asUnsignedByteArray(32, shared.getAffineXCoord().toBigInteger());
  }

  static BigInteger p256Scalar(PrivateKey key) throws InvalidKeyException {
    return Curves.privateKey(key, P256_DOMAIN).getD();
  }

  /** Parses a 65-byte uncompressed P-256 point and checks it is a valid public key. */
  static ECPublicKeyParameters p256Point(byte[] encoded) throws InvalidKeyException {
    if (encoded.length != P256_POINT_BYTES || encoded[0] != 0x04) {
      throw new InvalidKeyException("P-256 point must be 65 bytes, uncompressed");
    }
    try {
      return new ECPublicKeyParameters(P256_DOMAIN.getCurve().decodePoint(encoded), P256_DOMAIN);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("not a point on P-256");
    }
  }

  /** The uncompressed point of a P-256 SubjectPublicKeyInfo; DER only, named curve only. */
  static byte[] p256PointFromSpki(byte[] spkiDer) throws InvalidKeyException {
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(spkiDer);
      if (!Arrays.equals(spki.getEncoded(ASN1Encoding.DER), spkiDer)
          || !spki.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
          || !SECObjectIdentifiers.secp256r1.equals(asOid(spki))) {
        throw new InvalidKeyException("not a DER P-256 public key with the named curve");
      }
      byte[] point = spki.getPublicKeyData().getOctets();
      p256Point(point);
      return point;
    } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
      throw new InvalidKeyException("not a DER P-256 public key");
    }
  }

  private static ASN1ObjectIdentifier asOid(SubjectPublicKeyInfo spki) {
    return spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier oid ? oid : null;
  }

  static byte[] x25519(byte[] privateKey, byte[] peerPublic) throws GeneralSecurityException {
    if (privateKey.length != X25519_BYTES || peerPublic.length != X25519_BYTES) {
      throw new InvalidKeyException("X25519 keys are 32 bytes");
    }
    byte[] shared = new byte[X25519_BYTES];
    X25519Agreement agreement = new X25519Agreement();
    agreement.init(new X25519PrivateKeyParameters(privateKey, 0));
    try {
      agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublic, 0), shared, 0);
    } catch (IllegalStateException e) {
      throw new InvalidKeyException("X25519 peer key has low order");
    }
    return shared;
  }

  static byte[] x25519Public(byte[] privateKey) {
    return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
  }

  /** The X25519 private key of an Ed25519 key: the first half of SHA-512(seed) (RFC 8032 §5.1.5). */
  static byte[] x25519PrivateFromEd25519(PrivateKey ed25519) throws InvalidKeyException {
    try {
      byte[] seed = ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(ed25519.getEncoded()).parsePrivateKey()).getOctets();
      byte[] h = java.security.MessageDigest.getInstance("SHA-512").digest(seed);
      Arrays.fill(seed, (byte) 0);
      return Arrays.copyOf(h, X25519_BYTES);
    } catch (java.io.IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidKeyException("not an Ed25519 private key");
    }
  }

  /** The X25519 public key of an Ed25519 public key: u = (1 + y) / (1 - y) mod p (RFC 7748 §4.1). */
  static byte[] x25519PublicFromEd25519(PublicKey ed25519) throws InvalidKeyException {
    byte[] encoded = SubjectPublicKeyInfo.getInstance(ed25519.getEncoded()).getPublicKeyData().getOctets();
    return x25519PublicFromEd25519(encoded);
  }

  /**
   * The same from the 32-byte encoded Edwards point.
   *
   * @throws InvalidKeyException for y = 1 (the neutral point), which has no Montgomery u
   */
  static byte[] x25519PublicFromEd25519(byte[] encoded) throws InvalidKeyException {
    byte[] bigEndian = reverse(encoded);
    bigEndian[0] &= 0x7f;
    BigInteger y = new BigInteger(1, bigEndian);
    BigInteger denominator = BigInteger.ONE.subtract(y).mod(ED25519_P);
    if (denominator.signum() == 0) {
      throw new InvalidKeyException("Ed25519 key is the neutral point");
    }
    BigInteger u = BigInteger.ONE.add(y).multiply(denominator.modInverse(ED25519_P)).mod(ED25519_P);
    return reverse(BigIntegers.asUnsignedByteArray(X25519_BYTES, u));
  }

  private static byte[] reverse(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }
}
