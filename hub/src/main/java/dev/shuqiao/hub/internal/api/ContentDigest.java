package dev.shuqiao.hub.internal.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RFC 9530 {@code Content-Digest} with {@code sha-256}, compared in constant time. */
final class ContentDigest {

  private static final String PREFIX = "sha-256=:";
  /** {@code sha-256=:} + 44 base64 characters (32 bytes) + {@code :}. */
  private static final int MEMBER_LENGTH = PREFIX.length() + 44 + 1;
  /** The digest of an empty body, which every GET carries. */
  private static final byte[] EMPTY_SHA256 = digest(new byte[0]);

  private ContentDigest() {}

  /**
   * True only if the header carries a sha-256 digest equal to the body's: the first member of the
   * comma-separated list that reads {@code sha-256=:<44 base64 characters ending in =>:} (white
   * space around a member allowed) is compared.
   */
  static boolean matches(String header, byte[] body) {
    byte[] claimed = parse(header);
    return claimed != null && MessageDigest.isEqual(claimed, sha256(body));
  }

  /**
   * The sha-256 value the header declares (the member {@link #matches} compares), or null if it
   * declares none. For a streamed body (a mailbox chunk) the caller compares it once the body is read.
   */
  static byte[] parse(String header) {
    if (header == null || header.length() > 512) {
      return null;
    }
    int from = 0;
    while (true) { // the members between commas, read in place
      int comma = header.indexOf(',', from);
      int end = comma < 0 ? header.length() : comma;
      int start = from;
      while (start < end && isSpace(header.charAt(start))) {
        start++;
      }
      while (end > start && isSpace(header.charAt(end - 1))) {
        end--;
      }
      if (end - start == MEMBER_LENGTH && header.startsWith(PREFIX, start) && header.charAt(end - 1) == ':'
          && header.charAt(end - 2) == '=' && isBase64(header, start + PREFIX.length(), end - 2)) {
        return Base64.getDecoder().decode(header.substring(start + PREFIX.length(), end - 1));
      }
      if (comma < 0) {
        return null;
      }
      from = comma + 1;
    }
  }

  static byte[] sha256(byte[] body) {
    return body.length == 0 ? EMPTY_SHA256.clone() : digest(body);
  }

  private static byte[] digest(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

  /** ASCII white space around a member: space, tab, CR, LF, VT, FF. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
  }

  private static boolean isBase64(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/')) {
        return false;
      }
    }
    return true;
  }
}
