package dev.shuqiao.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * A key for data a department keeps at rest (a case journal, a spool file): authenticated encryption
 * with SM4-GCM ({@link Suite#GM}) or AES-256-GCM ({@link Suite#INTL}). The caller chooses no
 * algorithm, nonce or IV: each message gets a fresh random salt and nonce, and its own key derived
 * from this one. The key stays inside this handle; {@link #exportSecret()} is the one way out.
 *
 * <pre>{@code
 * StorageKey key = StorageKey.derive(identity, "bundle-journal");    // or fromSecret(...) from a key store
 * byte[] sealed = key.seal(plaintext, context);                      // context: what the bytes belong to
 * byte[] plain = key.open(sealed, context);                          // AuthenticationFailedException if altered
 * }</pre>
 *
 * <p>Format 1 of a sealed message: {@code 0x01} ‖ suite byte ({@code 1} GM, {@code 2} INTL) ‖ salt
 * (16 random bytes) ‖ nonce (12 random bytes) ‖ ciphertext ‖ tag (16 bytes). The message key is
 * HKDF (HMAC-SM3 for GM, HMAC-SHA256 for INTL; RFC 5869) of this key with the salt and the info
 * {@code "shuqiao storage v1"} ‖ suite byte, 16 bytes for SM4 and 32 for AES. The AEAD's associated
 * data is the 30 header bytes followed by the caller's context, so a message opens only under the
 * key, suite and context it was sealed with. A per-message key keeps the random 96-bit nonces far
 * from their collision bound however many messages one key seals.
 */
public final class StorageKey {

  /** Length in bytes of a {@linkplain #generate generated} or derived key, and of an imported one. */
  public static final int KEY_BYTES = 32;
  /** Bytes a sealed message adds to its plaintext: header (30) and tag (16). */
  public static final int OVERHEAD = 2 + 16 + Aead.NONCE_BYTES + Aead.TAG_BYTES;

  private static final int FORMAT = 1;
  private static final int SALT_BYTES = 16;
  private static final int HEADER_BYTES = 2 + SALT_BYTES + Aead.NONCE_BYTES;
  private static final byte[] MESSAGE_INFO = "shuqiao storage v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] IDENTITY_SALT = "shuqiao storage key from identity v1".getBytes(StandardCharsets.US_ASCII);

  private final Suite suite;
  private final byte[] secret;
  private final Aead aead;
  private final SecureRandom random = new SecureRandom();

  private StorageKey(Suite suite, byte[] secret) {
    this.suite = Objects.requireNonNull(suite, "suite");
    if (secret.length != KEY_BYTES) {
      throw new IllegalArgumentException("a storage key is " + KEY_BYTES + " bytes, got " + secret.length);
    }
    this.secret = secret.clone();
    this.aead = Aead.of(suite);
  }

  /** A new random key. */
  public static StorageKey generate(Suite suite) {
    byte[] secret = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(secret);
    try {
      return new StorageKey(suite, secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** A key from bytes previously {@linkplain #exportSecret() exported} (a key store, a secrets manager). */
  public static StorageKey fromSecret(Suite suite, byte[] secret) {
    return new StorageKey(suite, Objects.requireNonNull(secret, "secret"));
  }

  /**
   * The key a department derives from its own private key for one {@code purpose}, in the identity's
   * suite: the same identity and purpose always give the same key, so nothing more needs storing;
   * different purposes give unrelated keys. HKDF (SM3 for GM, SHA-256 for INTL) of the private key's
   * scalar (SM2, P-256) or seed (Ed25519), info = {@code purpose} ‖ the department's credit code. A
   * department that replaces its key pair can no longer open what the old key sealed: keep the old
   * identity until that data is gone, or configure a key with {@link #fromSecret}.
   *
   * @param purpose what the key protects, e.g. {@code bundle-journal}; not blank
   */
  public static StorageKey derive(DepartmentIdentity identity, String purpose) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(purpose, "purpose");
    if (purpose.isBlank()) {
      throw new IllegalArgumentException("purpose must not be blank");
    }
    byte[] ikm = privateScalar(identity.privateKey());
    byte[] info = (purpose + "\n" + identity.department().creditCode()).getBytes(StandardCharsets.UTF_8);
    byte[] secret = hkdf(identity.suite(), ikm, IDENTITY_SALT, info, KEY_BYTES);
    try {
      return new StorageKey(identity.suite(), secret);
    } finally {
      Arrays.fill(ikm, (byte) 0);
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** Secret export: the raw key bytes, for a key store or a secrets manager. */
  public byte[] exportSecret() {
    return secret.clone();
  }

  public Suite suite() {
    return suite;
  }

  /**
   * Encrypts and authenticates {@code plaintext} bound to {@code context} (format above).
   *
   * @param context what the message belongs to (a file name, a record number); not secret, not stored
   */
  public byte[] seal(byte[] plaintext, byte[] context) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(context, "context");
    byte[] out = new byte[Math.addExact(plaintext.length, OVERHEAD)];
    out[0] = FORMAT;
    out[1] = (byte) suite.wireId();
    byte[] saltAndNonce = new byte[SALT_BYTES + Aead.NONCE_BYTES];
    random.nextBytes(saltAndNonce);
    System.arraycopy(saltAndNonce, 0, out, 2, saltAndNonce.length);
    byte[] messageKey = messageKey(Arrays.copyOfRange(out, 2, 2 + SALT_BYTES));
    try {
      aead.sealInto(messageKey, Arrays.copyOfRange(out, 2 + SALT_BYTES, HEADER_BYTES), aad(out, context), out,
          HEADER_BYTES, plaintext);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing with the storage key failed", e);
    } finally {
      Arrays.fill(messageKey, (byte) 0);
    }
  }

  /**
   * The plaintext of {@code sealed}, checked against this key and {@code context}.
   *
   * @throws MalformedEnvelopeException if it is too short or not of format 1
   * @throws AuthenticationFailedException if it was altered, or sealed under another key, suite or context
   */
  public byte[] open(byte[] sealed, byte[] context) {
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(context, "context");
    if (sealed.length < OVERHEAD) {
      throw new MalformedEnvelopeException("a sealed storage message has at least " + OVERHEAD + " bytes, got "
          + sealed.length);
    }
    if (sealed[0] != FORMAT) {
      throw new MalformedEnvelopeException("not a sealed storage message of format " + FORMAT);
    }
    if (sealed[1] != (byte) suite.wireId()) {
      throw new AuthenticationFailedException("the message was sealed under another suite than this " + suite + " key");
    }
    byte[] messageKey = messageKey(Arrays.copyOfRange(sealed, 2, 2 + SALT_BYTES));
    try {
      return aead.open(messageKey, Arrays.copyOfRange(sealed, 2 + SALT_BYTES, HEADER_BYTES), aad(sealed, context),
          ByteBuffer.wrap(sealed, HEADER_BYTES, sealed.length - HEADER_BYTES).slice());
    } catch (GeneralSecurityException e) {
      throw new AuthenticationFailedException("the sealed message does not authenticate: altered, or sealed under "
          + "another key or context");
    } finally {
      Arrays.fill(messageKey, (byte) 0);
    }
  }

  private byte[] messageKey(byte[] salt) {
    byte[] info = Arrays.copyOf(MESSAGE_INFO, MESSAGE_INFO.length + 1);
    info[MESSAGE_INFO.length] = (byte) suite.wireId();
    return hkdf(suite, secret, salt, info, aead.keyBytes());
  }

  private static byte[] aad(byte[] message, byte[] context) {
    byte[] aad = Arrays.copyOf(message, HEADER_BYTES + context.length);
    System.arraycopy(context, 0, aad, HEADER_BYTES, context.length);
    return aad;
  }

  private static byte[] hkdf(Suite suite, byte[] ikm, byte[] salt, byte[] info, int length) {
    if (suite == Suite.INTL) {
      return Hkdf.sha256(ikm, salt, info, length);
    }
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SM3Digest());
    generator.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    generator.generateBytes(out, 0, length);
    return out;
  }

  /** The private scalar (SM2, P-256) or the 32-byte seed (Ed25519): the key itself, whatever its encoding. */
  private static byte[] privateScalar(PrivateKey key) {
    if (key instanceof ECPrivateKey ec) {
      return BigIntegers.asUnsignedByteArray(32, ec.getS());
    }
    try {
      // Ed25519 (RFC 8410): PKCS#8 whose privateKey is an OCTET STRING holding the 32-byte seed.
      byte[] seed = ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey())
          .getOctets();
      if (seed.length != 32) {
        throw new IllegalArgumentException("an Ed25519 private key has 32 bytes");
      }
      return seed;
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot derive a storage key from a " + key.getAlgorithm() + " key");
    }
  }

  @Override
  public String toString() {
    return "StorageKey[" + suite + "]";
  }
}
