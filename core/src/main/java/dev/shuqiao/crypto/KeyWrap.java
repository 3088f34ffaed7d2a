package dev.shuqiao.crypto;

import java.math.BigInteger;
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
 * Wraps the content key for one recipient, by the recipient's key type:
 * <ul>
 *   <li>SM2: SM2 public-key encryption (GB/T 32918.4) in the current C1C3C2 order — Bouncy Castle
 *       defaults to the obsolete C1C2C3, so the mode is set explicitly. 16-byte key → 113 bytes.</li>
 *   <li>ECDSA P-256: ephemeral-static ECDH; HKDF-SHA256(shared, salt = ephemeral point ‖ recipient
 *       point, info = {@value #INFO}) → 32-byte key + 12-byte nonce; AES-256-GCM of the content key.
 *       Output: ephemeral point (65) ‖ ciphertext+tag (48) = 113 bytes.</li>
 *   <li>Ed25519: the same with X25519 on the converted key: ephemeral (32) ‖ 48 = 80 bytes.</li>
 * </ul>
 * The wrapped key is not bound to the header by itself; the header carrying it is signed and is the
 * content AEAD's associated data. Recipient keys come from {@link PublicKeys}, decoded strictly once
 * per key: the P-256 agreement runs on a comb table kept with the recipient's point.
 */
final class KeyWrap {

  static final String INFO = "shuqiao envelope v1 content key wrap";
  private static final int KEK_BYTES = 32;

  private KeyWrap() {}

  static byte[] wrap(PublicKey recipient, byte[] contentKey, SecureRandom random) throws GeneralSecurityException {
    switch (KeyAlgorithm.of(recipient)) {
      case SM2:
        return sm2(true, Curves.reusedPublicKey(KeyAlgorithm.SM2, recipient), contentKey, random);
      case ECDSA_P256: {
        ECPublicKeyParameters recipientKey = PublicKeys.ec(KeyAlgorithm.ECDSA_P256, recipient);
        byte[] recipientPoint = recipientKey.getQ().getEncoded(false);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(Curves.P256, random));
        AsymmetricCipherKeyPair ephemeral = generator.generateKeyPair();
        byte[] ephemeralPoint = ((ECPublicKeyParameters) ephemeral.getPublic()).getQ().getEncoded(false);
        byte[] shared = Agreement.p256(((ECPrivateKeyParameters) ephemeral.getPrivate()).getD(), recipientKey);
        return seal(shared, ephemeralPoint, recipientPoint, contentKey);
      }
      case ED25519: {
        byte[] recipientU = PublicKeys.x25519(recipient);
        byte[] ephemeralPrivate = new byte[Agreement.X25519_BYTES];
        random.nextBytes(ephemeralPrivate);
        byte[] ephemeralU = Agreement.x25519Public(ephemeralPrivate);
        byte[] shared = Agreement.x25519(ephemeralPrivate, recipientU);
        Arrays.fill(ephemeralPrivate, (byte) 0);
        return seal(shared, ephemeralU, recipientU, contentKey);
      }
      default:
        throw new IllegalArgumentException("unsupported recipient key");
    }
  }

  /**
   * A recipient's own key prepared for unwrapping: the agreement key pair derived once (for Ed25519
   * the X25519 conversion of both halves, for P-256 the scalar and the encoded point), so unwrapping
   * is one Diffie-Hellman and no key parsing. Holds secret material; lives inside a
   * {@link DepartmentIdentity}.
   */
  static final class UnwrapKey {
    private final KeyAlgorithm algorithm;
    private final PrivateKey key;
    private final byte[] agreementPrivate;
    private final BigInteger p256Scalar;
    private final byte[] agreementPublic;

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
  }

  /**
   * @throws GeneralSecurityException if the wrapped key was not made for this key pair or was modified
   */
  static byte[] unwrap(PrivateKey own, PublicKey ownPublic, byte[] wrapped) throws GeneralSecurityException {
    return unwrap(UnwrapKey.of(own, ownPublic), wrapped);
  }

  /**
   * @throws GeneralSecurityException if the wrapped key was not made for this key pair or was modified
   */
  static byte[] unwrap(UnwrapKey own, byte[] wrapped) throws GeneralSecurityException {
    switch (own.algorithm) {
      case SM2:
        return sm2(false, Curves.privateKey(own.key, Curves.SM2), wrapped, null);
      case ECDSA_P256: {
        int split = Agreement.P256_POINT_BYTES;
        checkLength(wrapped, split);
        byte[] ephemeralPoint = Arrays.copyOf(wrapped, split);
        byte[] shared = Agreement.p256(own.p256Scalar, ephemeralPoint);
        return open(shared, ephemeralPoint, own.agreementPublic, wrapped, split);
      }
      case ED25519: {
        int split = Agreement.X25519_BYTES;
        checkLength(wrapped, split);
        byte[] ephemeralU = Arrays.copyOf(wrapped, split);
        byte[] shared = Agreement.x25519(own.agreementPrivate, ephemeralU);
        return open(shared, ephemeralU, own.agreementPublic, wrapped, split);
      }
      default:
        throw new IllegalArgumentException("unsupported key");
    }
  }

  private static void checkLength(byte[] wrapped, int split) throws InvalidKeyException {
    if (wrapped.length != split + KEK_BYTES + Aead.TAG_BYTES) {
      throw new InvalidKeyException("wrapped key has the wrong length");
    }
  }

  private static byte[] seal(byte[] shared, byte[] ephemeral, byte[] recipient, byte[] contentKey)
      throws GeneralSecurityException {
    byte[] okm = derive(shared, ephemeral, recipient);
    byte[] sealed = Aead.AES_256_GCM.seal(Arrays.copyOf(okm, KEK_BYTES), Arrays.copyOfRange(okm, KEK_BYTES, okm.length),
        new byte[0], contentKey);
    Arrays.fill(okm, (byte) 0);
    return concat(ephemeral, sealed);
  }

  private static byte[] open(byte[] shared, byte[] ephemeral, byte[] recipient, byte[] wrapped, int split)
      throws GeneralSecurityException {
    byte[] okm = derive(shared, ephemeral, recipient);
    try {
      return Aead.AES_256_GCM.open(Arrays.copyOf(okm, KEK_BYTES), Arrays.copyOfRange(okm, KEK_BYTES, okm.length),
          new byte[0], Arrays.copyOfRange(wrapped, split, wrapped.length));
    } finally {
      Arrays.fill(okm, (byte) 0);
    }
  }

  private static byte[] derive(byte[] shared, byte[] ephemeral, byte[] recipient) {
    byte[] okm = Hkdf.sha256(shared, concat(ephemeral, recipient), INFO.getBytes(StandardCharsets.US_ASCII),
        KEK_BYTES + Aead.NONCE_BYTES);
    Arrays.fill(shared, (byte) 0);
    return okm;
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
