package dev.shuqiao.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A department's key for keyed pseudonyms of personal identifiers (ID card numbers, phone numbers):
 * HMAC-SM3 ({@link Suite#GM}) or HMAC-SHA256 ({@link Suite#INTL}) over a labelled encoding of the
 * identifier. The same person gets the same pseudonym under the same key and kind, so audit records
 * can be joined and "who accessed my data" answered, while nobody without the key can reverse or
 * recompute them. Keep the key like a private key; rotating it breaks joins with older records.
 * Audit records take their subject pseudonyms from it through
 * {@code dev.shuqiao.audit.HmacSubjectPseudonymizer.of(key, kind)}.
 *
 * <pre>{@code
 * PseudonymKey key = PseudonymKey.generate(Suite.GM);
 * String pseudonym = key.pseudonym("resident-id", "450202199001011234");   // 64 hex characters
 * }</pre>
 *
 * <p>Input to the HMAC: ASCII {@code shuqiao pseudonym v1}, then u32 length + UTF-8 of the kind,
 * then u32 length + UTF-8 of the identifier after Unicode NFC normalisation and trimming.
 */
public final class PseudonymKey {

  /** Length in bytes of a {@linkplain #generate generated} key, and the least accepted. */
  public static final int KEY_BYTES = 32;
  /** The longest key accepted: one block of SM3 or SHA-256 (longer HMAC keys are hashed first). */
  public static final int MAX_KEY_BYTES = 64;
  private static final byte[] LABEL = "shuqiao pseudonym v1".getBytes(StandardCharsets.US_ASCII);

  private final Suite suite;
  private final byte[] secret;

  private PseudonymKey(Suite suite, byte[] secret) {
    this.suite = Objects.requireNonNull(suite, "suite");
    if (secret.length < KEY_BYTES || secret.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("a pseudonym key is " + KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
    }
    this.secret = secret.clone();
  }

  /** A new random key. */
  public static PseudonymKey generate(Suite suite) {
    byte[] secret = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(secret);
    return new PseudonymKey(suite, secret);
  }

  /** A key from bytes previously {@linkplain #exportSecret() exported}. */
  public static PseudonymKey fromSecret(Suite suite, byte[] secret) {
    return new PseudonymKey(suite, Objects.requireNonNull(secret, "secret"));
  }

  /** Secret export: the raw key bytes, for a key store or a secrets manager. */
  public byte[] exportSecret() {
    return secret.clone();
  }

  public Suite suite() {
    return suite;
  }

  /**
   * The pseudonym of {@code identifier} as 64 lowercase hex characters.
   *
   * @param kind what the identifier is, e.g. {@code resident-id}; different kinds never collide
   */
  public String pseudonym(String kind, String identifier) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(identifier, "identifier");
    if (kind.isBlank() || identifier.isBlank()) {
      throw new IllegalArgumentException("kind and identifier must not be blank");
    }
    byte[] k = kind.getBytes(StandardCharsets.UTF_8);
    byte[] v = Normalizer.normalize(identifier.strip(), Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
    byte[] input = ByteBuffer.allocate(LABEL.length + 8 + k.length + v.length)
        .put(LABEL).putInt(k.length).put(k).putInt(v.length).put(v).array();
    byte[] tag = Hashes.hmac(suite, secret, input);
    Arrays.fill(input, (byte) 0);
    return HexFormat.of().formatHex(tag);
  }

  @Override
  public String toString() {
    return "PseudonymKey[" + suite + ", secret hidden]";
  }
}
