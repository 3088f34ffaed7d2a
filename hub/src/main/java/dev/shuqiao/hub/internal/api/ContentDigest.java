package dev.shuqiao.hub.internal.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 9530 {@code Content-Digest} with {@code sha-256}, compared in constant time. */
final class ContentDigest {

  private static final Pattern SHA256 = Pattern.compile("(?:^|,)\\s*sha-256=:([A-Za-z0-9+/]{43}=):\\s*(?:,|$)");

  private static final byte[] EMPTY_SHA256 = Base64.getDecoder().decode("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");

  private static final String EMPTY_HEADER = "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:";

  private ContentDigest() {}

  /** True only if the header carries a sha-256 digest equal to the body's. */
  static boolean matches(String header, byte[] body) {
    if (header == null || header.length() > 512) {
      return false;
    }
    if (body.length == 0 && header.equals(EMPTY_HEADER)) {
      return true; // a bodiless request (every GET) as the client sends it; digests are not secret
    }
    Matcher m = SHA256.matcher(header);
    if (!m.find()) {
      return false;
    }
    byte[] claimed = Base64.getDecoder().decode(m.group(1));
    return MessageDigest.isEqual(claimed, sha256(body));
  }

  static byte[] sha256(byte[] body) {
    if (body.length == 0) {
      return EMPTY_SHA256.clone(); // every GET
    }
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
