package dev.shuqiao.audit;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The data subject of an audited action as a keyed pseudonym (e.g. HMAC-SM3 of the identity
 * number under a department key), never the clear identifier. Opaque bytes; equal pseudonyms mean
 * the same subject under the same key, which is what "who accessed my data" queries need.
 */
public final class SubjectPseudonym {

  private static final int MIN_BYTES = 16;
  private static final int MAX_BYTES = 64;

  private final byte[] bytes;

  private SubjectPseudonym(byte[] bytes) {
    if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("a subject pseudonym has " + MIN_BYTES + " to " + MAX_BYTES
          + " bytes, not " + bytes.length);
    }
    this.bytes = bytes;
  }

  /** Wraps pseudonym bytes produced by a {@link SubjectPseudonymizer}. */
  public static SubjectPseudonym of(byte[] bytes) {
    return new SubjectPseudonym(bytes.clone());
  }

  /** Parses the lower-case hex form returned by {@link #hex()}. */
  public static SubjectPseudonym fromHex(String hex) {
    return new SubjectPseudonym(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SubjectPseudonym that && MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SubjectPseudonym[" + hex() + "]";
  }
}
