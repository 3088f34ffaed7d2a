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
    if (header == null || header.length() > 512) {
      return false;
    }
    for (String member : header.split(",", -1)) {
      String m = trim(member);
      if (m.length() == MEMBER_LENGTH && m.startsWith(PREFIX) && m.charAt(MEMBER_LENGTH - 1) == ':'
          && m.charAt(MEMBER_LENGTH - 2) == '=' && isBase64(m, PREFIX.length(), MEMBER_LENGTH - 2)) {
        byte[] claimed = Base64.getDecoder().decode(m.substring(PREFIX.length(), MEMBER_LENGTH - 1));
        return MessageDigest.isEqual(claimed, sha256(body));
      }
    }
    return false;
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

  /** {@code s} without leading and trailing ASCII white space (space, tab, CR, LF, VT, FF). */
  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

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
