package dev.shuqiao.crypto;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Certificate public keys decoded once and then reused, so the work Bouncy Castle attaches to a key
 * object survives from one envelope to the next: the precomputed multiples it stores on an
 * {@code ECPoint} (the fixed-point comb of a recipient's point for the key wrap; for a sender's point
 * the wNAF tables of ECDSA/SM2 verification, which BC promotes to its joint fixed-point comb once the
 * point is used repeatedly) and the decoded Ed25519 point with its X25519 form. A key decoded per call
 * (as a certificate's {@link PublicKey} is) loses all of it. P-256, CPU time on a loaded 2-core
 * machine: verification 175 µs that way, 80 µs on a reused point; the wrap's Diffie-Hellman 190 µs
 * through BC's ECDH, 75 µs on the reused point's comb.
 *
 * <p>Entries are keyed by the exact SubjectPublicKeyInfo DER, so a decoded key is only ever used for
 * the key it was decoded from. Decoding is strict: DER, the named curve of the key type, an
 * uncompressed point on the curve (Ed25519: 32 bytes that decode to a point of large order, as
 * Bouncy Castle's partial validation requires). A key that fails is not cached; callers decide
 * whether to refuse it or take their uncached path. Bounded: least recently used keys are dropped
 * beyond {@value #MAX_KEYS}; a P-256 key with its tables holds about 10 KB (heap histogram), so the
 * cache stays under ~3 MB.
 */
final class PublicKeys {

  static final int MAX_KEYS = 256;

  /** One decoded key: exactly one of {@code ec} and {@code ed25519} is set; {@code x25519} with the latter. */
  private record Decoded(KeyAlgorithm algorithm, ECPublicKeyParameters ec, Ed25519PublicKeyParameters ed25519,
      byte[] x25519) {}

  private static final LruCache<ByteBuffer, Decoded> CACHE = new LruCache<>(MAX_KEYS);

  private PublicKeys() {}

  /** The validated point of an SM2 or P-256 key, one shared instance per key. */
  static ECPublicKeyParameters ec(KeyAlgorithm algorithm, PublicKey key) throws InvalidKeyException {
    Decoded decoded = decoded(key);
    if (decoded.algorithm() != algorithm || decoded.ec() == null) {
      throw new InvalidKeyException("not a " + algorithm + " public key");
    }
    return decoded.ec();
  }

  /** The decoded point of an Ed25519 key, one shared instance per key. */
  static Ed25519PublicKeyParameters ed25519(PublicKey key) throws InvalidKeyException {
    Decoded decoded = decoded(key);
    if (decoded.ed25519() == null) {
      throw new InvalidKeyException("not an Ed25519 public key");
    }
    return decoded.ed25519();
  }

  /** The X25519 public key (RFC 7748 birational map) of an Ed25519 key; a fresh copy. */
  static byte[] x25519(PublicKey key) throws InvalidKeyException {
    Decoded decoded = decoded(key);
    if (decoded.ed25519() == null) {
      throw new InvalidKeyException("not an Ed25519 public key");
    }
    return decoded.x25519().clone();
  }

  /** How many keys are held now; for tests. */
  static int size() {
    return CACHE.size();
  }

  private static Decoded decoded(PublicKey key) throws InvalidKeyException {
    if (key == null) {
      throw new InvalidKeyException("no public key");
    }
    byte[] spki = key.getEncoded();
    if (spki == null) {
      throw new InvalidKeyException("public key has no encoding");
    }
    Decoded cached = CACHE.get(ByteBuffer.wrap(spki));
    if (cached != null) {
      return cached;
    }
    // Two threads may both decode a new key; the later put wins and both results are equal.
    Decoded decoded = decode(spki);
    CACHE.put(ByteBuffer.wrap(spki.clone()), decoded);
    return decoded;
  }

  private static Decoded decode(byte[] spkiDer) throws InvalidKeyException {
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(spkiDer);
      if (!Arrays.equals(spki.getEncoded(ASN1Encoding.DER), spkiDer)) {
        throw new InvalidKeyException("public key is not DER");
      }
    } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
      throw new InvalidKeyException("not a DER SubjectPublicKeyInfo");
    }
    ASN1ObjectIdentifier type = spki.getAlgorithm().getAlgorithm();
    byte[] key = spki.getPublicKeyData().getOctets();
    if (type.equals(EdECObjectIdentifiers.id_Ed25519) && spki.getAlgorithm().getParameters() == null) {
      return ed25519(key);
    }
    if (type.equals(X9ObjectIdentifiers.id_ecPublicKey)
        && spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
      if (curve.equals(SECObjectIdentifiers.secp256r1)) {
        return new Decoded(KeyAlgorithm.ECDSA_P256, point(key, Curves.P256), null, null);
      }
      if (curve.equals(GMObjectIdentifiers.sm2p256v1)) {
        return new Decoded(KeyAlgorithm.SM2, point(key, Curves.SM2), null, null);
      }
    }
    throw new InvalidKeyException("not an SM2, P-256 (named curve) or Ed25519 public key");
  }

  private static ECPublicKeyParameters point(byte[] encoded, ECDomainParameters domain) throws InvalidKeyException {
    if (encoded.length != Agreement.P256_POINT_BYTES || encoded[0] != 0x04) {
      throw new InvalidKeyException("EC public key must be an uncompressed point");
    }
    try {
      // decodePoint checks the curve equation; the parameters' constructor normalises and refuses infinity.
      return new ECPublicKeyParameters(domain.getCurve().decodePoint(encoded), domain);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("not a point on the curve");
    }
  }

  private static Decoded ed25519(byte[] key) throws InvalidKeyException {
    if (key.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw new InvalidKeyException("Ed25519 public key must be 32 bytes");
    }
    Ed25519PublicKeyParameters params;
    try {
      params = new Ed25519PublicKeyParameters(key, 0);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("not an Ed25519 point");
    }
    return new Decoded(KeyAlgorithm.ED25519, null, params, Agreement.x25519PublicFromEd25519(key));
  }
}
