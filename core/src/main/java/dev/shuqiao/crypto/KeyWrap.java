package dev.shuqiao.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Wraps the content key for one recipient, by the recipient's key type (wire format version 2):
 * <ul>
 *   <li>SM2: SM2 public-key encryption (GB/T 32918.4) in the current C1C3C2 order — Bouncy Castle
 *       defaults to the obsolete C1C2C3, so the mode is set explicitly. 16-byte key → 113 bytes.</li>
 *   <li>ECDSA P-256: ephemeral-static ECDH giving Z; a fresh 16-byte salt s per wrap;
 *       HKDF-SHA256(ikm = Z, salt = s, info = {@value #INFO} ‖ E ‖ R) → 32-byte key + 12-byte nonce;
 *       AES-256-GCM of the content key. Output: E (65) ‖ s (16) ‖ ciphertext+tag (48) = 129 bytes.</li>
 *   <li>Ed25519: the same with X25519 on the converted key: E (32) ‖ s (16) ‖ 48 = 96 bytes.</li>
 * </ul>
 * The salt is what makes an ephemeral key safe to reuse ({@link EphemeralKeys}): two wraps under the
 * same Z differ in s, so they use different AES-GCM keys and nonces. It comes from the sealer's
 * SecureRandom, never from the caller. The wrapped key is not bound to the header by itself; the
 * header carrying it is signed and is the content AEAD's associated data. Recipient keys come from
 * {@link PublicKeys}, decoded strictly once per key: the P-256 agreement runs on a comb table kept
 * with the recipient's point.
 */
final class KeyWrap {

  static final String INFO = "shuqiao envelope v2 content key wrap";
  static final int SALT_BYTES = 16;
  private static final byte[] INFO_BYTES = INFO.getBytes(StandardCharsets.US_ASCII);
  private static final int KEK_BYTES = 32;

  private KeyWrap() {}

  /** Wraps with a fresh ephemeral key. */
  static byte[] wrap(PublicKey recipient, byte[] contentKey, SecureRandom random) throws GeneralSecurityException {
    return wrap(recipient, contentKey, random, EphemeralKeys.NONE);
  }

  /** Wraps with the agreement {@code ephemerals} holds for the recipient (SM2 keys: SM2 encryption). */
  static byte[] wrap(PublicKey recipient, byte[] contentKey, SecureRandom random, EphemeralKeys ephemerals)
      throws GeneralSecurityException {
    if (KeyAlgorithm.of(recipient) == KeyAlgorithm.SM2) {
      return sm2(true, Curves.reusedPublicKey(KeyAlgorithm.SM2, recipient), contentKey, random);
    }
    EphemeralKeys.Agreed agreed = ephemerals.agreement(recipient, random);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] okm = derive(agreed.shared(), salt, agreed.ephemeral(), agreed.recipient());
    try {
      byte[] sealed = Aead.AES_256_GCM.seal(Arrays.copyOf(okm, KEK_BYTES),
          Arrays.copyOfRange(okm, KEK_BYTES, okm.length), new byte[0], contentKey);
      return concat(agreed.ephemeral(), salt, sealed);
    } finally {
      Arrays.fill(okm, (byte) 0);
    }
  }

  /** A fresh ephemeral agreement with a P-256 or Ed25519 (as X25519) recipient key. */
  static EphemeralKeys.Agreed agree(PublicKey recipient, SecureRandom random) throws GeneralSecurityException {
    switch (KeyAlgorithm.of(recipient)) {
      case ECDSA_P256: {
        ECPublicKeyParameters recipientKey = PublicKeys.ec(KeyAlgorithm.ECDSA_P256, recipient);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(Curves.P256, random));
        AsymmetricCipherKeyPair ephemeral = generator.generateKeyPair();
        byte[] ephemeralPoint = ((ECPublicKeyParameters) ephemeral.getPublic()).getQ().getEncoded(false);
        byte[] shared = Agreement.p256(((ECPrivateKeyParameters) ephemeral.getPrivate()).getD(), recipientKey);
        return new EphemeralKeys.Agreed(ephemeralPoint, recipientKey.getQ().getEncoded(false), shared);
      }
      case ED25519: {
        byte[] recipientU = PublicKeys.x25519(recipient);
        byte[] ephemeralPrivate = new byte[Agreement.X25519_BYTES];
        random.nextBytes(ephemeralPrivate);
        try {
          return new EphemeralKeys.Agreed(Agreement.x25519Public(ephemeralPrivate), recipientU,
              Agreement.x25519(ephemeralPrivate, recipientU));
        } finally {
          Arrays.fill(ephemeralPrivate, (byte) 0);
        }
      }
      default:
        throw new IllegalArgumentException("no ephemeral agreement for this recipient key");
    }
  }

  /**
   * A recipient's own key prepared for unwrapping: the agreement key pair derived once (for Ed25519
   * the X25519 conversion of both halves, for P-256 the scalar and the encoded point), so unwrapping
   * is one Diffie-Hellman and no key parsing, and a bounded cache of the agreements already made
   * (ephemeral public value → {@code d · E}), so envelopes whose sender reused an ephemeral key cost
   * no Diffie-Hellman at all. Caching adds no exposure: {@code d} itself sits next to the cache, and
   * every cached Z can be recomputed from it. A secret is cached only after its wrap authenticated; a
   * tampered ephemeral value is a different key, misses, and fails as it always did. Holds secret
   * material; lives inside a {@link DepartmentIdentity}.
   */
  static final class UnwrapKey {
    static final int MAX_CACHED_AGREEMENTS = 1024;

    private final KeyAlgorithm algorithm;
    private final PrivateKey key;
    private final byte[] agreementPrivate;
    private final BigInteger p256Scalar;
    private final byte[] agreementPublic;
    private final LruCache<ByteBuffer, SharedSecret> agreements =
        new LruCache<>(MAX_CACHED_AGREEMENTS, SharedSecret::destroy);

    private UnwrapKey(KeyAlgorithm algorithm, PrivateKey key, byte[] agreementPrivate, BigInteger p256Scalar,
        byte[] agreementPublic) {
      this.algorithm = algorithm;
      this.key = key;
      this.agreementPrivate = agreementPrivate;
      this.p256Scalar = p256Scalar;
      this.agreementPublic = agreementPublic;
    }

    static UnwrapKey of(PrivateKey own, PublicKey ownPublic) throws InvalidKeyException {
      KeyAlgorithm algorithm = KeyAlgorithm.of(ownPublic);
      return switch (algorithm) {
        case SM2 -> new UnwrapKey(algorithm, own, null, null, null);
        case ECDSA_P256 -> new UnwrapKey(algorithm, own, null, Agreement.p256Scalar(own),
            Agreement.p256PointFromSpki(ownPublic.getEncoded()));
        case ED25519 -> new UnwrapKey(algorithm, own, Agreement.x25519PrivateFromEd25519(own), null,
            Agreement.x25519PublicFromEd25519(ownPublic));
      };
    }

    /** Z for an ephemeral public value from the cache (a copy), or null. */
    private byte[] cached(ByteBuffer ephemeral) {
      SharedSecret secret = agreements.get(ephemeral);
      return secret == null ? null : secret.take(0);
    }

    private byte[] agree(byte[] ephemeral) throws GeneralSecurityException {
      return algorithm == KeyAlgorithm.ECDSA_P256 ? Agreement.p256(p256Scalar, ephemeral)
          : Agreement.x25519(agreementPrivate, ephemeral);
    }

    private int ephemeralBytes() {
      return algorithm == KeyAlgorithm.ECDSA_P256 ? Agreement.P256_POINT_BYTES : Agreement.X25519_BYTES;
    }

    /** How many agreements are cached now; for tests. */
    int cachedAgreements() {
      return agreements.size();
    }
  }

  /**
   * Unwraps with a key prepared on the spot: no agreement cache, the reference path tests compare with.
   *
   * @throws GeneralSecurityException if the wrapped key was not made for this key pair or was modified
   */
  static byte[] unwrap(PrivateKey own, PublicKey ownPublic, byte[] wrapped) throws GeneralSecurityException {
    return unwrap(UnwrapKey.of(own, ownPublic), wrapped);
  }

  /**
   * @throws GeneralSecurityException if the wrapped key was not made for this key pair or was modified
   */
  static byte[] unwrap(UnwrapKey own, byte[] wrapped) throws GeneralSecurityException {
    if (own.algorithm == KeyAlgorithm.SM2) {
      return sm2(false, Curves.privateKey(own.key, Curves.SM2), wrapped, null);
    }
    int split = own.ephemeralBytes();
    int sealedAt = split + SALT_BYTES;
    if (wrapped.length != sealedAt + KEK_BYTES + Aead.TAG_BYTES) {
      throw new InvalidKeyException("wrapped key has the wrong length");
    }
    byte[] ephemeral = Arrays.copyOf(wrapped, split);
    ByteBuffer cacheKey = ByteBuffer.wrap(ephemeral);
    byte[] shared = own.cached(cacheKey);
    byte[] fresh = shared == null ? own.agree(ephemeral) : null;
    byte[] okm = derive(fresh == null ? shared : fresh.clone(), Arrays.copyOfRange(wrapped, split, sealedAt), ephemeral,
        own.agreementPublic);
    try {
      byte[] contentKey = Aead.AES_256_GCM.open(Arrays.copyOf(okm, KEK_BYTES),
          Arrays.copyOfRange(okm, KEK_BYTES, okm.length), new byte[0],
          ByteBuffer.wrap(wrapped, sealedAt, wrapped.length - sealedAt));
      if (fresh != null) {
        own.agreements.put(cacheKey, SharedSecret.untilDropped(fresh));
        fresh = null;
      }
      return contentKey;
    } finally {
      Arrays.fill(okm, (byte) 0);
      if (fresh != null) {
        Arrays.fill(fresh, (byte) 0);
      }
    }
  }

  /** HKDF-SHA256 → AES-256-GCM key ‖ nonce; zeroises {@code shared}. */
  static byte[] derive(byte[] shared, byte[] salt, byte[] ephemeral, byte[] recipient) {
    try {
      return Hkdf.sha256(shared, salt, concat(INFO_BYTES, ephemeral, recipient), KEK_BYTES + Aead.NONCE_BYTES);
    } finally {
      Arrays.fill(shared, (byte) 0);
    }
  }

  private static byte[] sm2(boolean encrypt, AsymmetricKeyParameter key, byte[] input, SecureRandom random)
      throws GeneralSecurityException {
    SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
    engine.init(encrypt, encrypt ? new ParametersWithRandom(key, random) : key);
    try {
      return engine.processBlock(input, 0, input.length);
    } catch (InvalidCipherTextException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidKeyException("SM2 decryption failed");
    }
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }
}
