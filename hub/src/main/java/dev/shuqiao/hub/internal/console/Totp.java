package dev.shuqiao.hub.internal.console;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): 30-second steps, 6 digits,
 * HMAC-SHA1 — what every authenticator app implements (the HMAC construction, unlike a SHA-1
 * signature, is not weakened by SHA-1 collisions). A code is accepted for the current step and
 * one step either side (clock drift), and each step only once (no replay).
 */
final class Totp {

  static final int STEP_SECONDS = 30;
  static final int DIGITS = 6;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  /** A new 160-bit secret in base32 (RFC 4648, no padding), as authenticator apps take it. */
  static String newSecret(SecureRandom random) {
    byte[] secret = new byte[20];
    random.nextBytes(secret);
    return base32(secret);
  }

  /** The step of {@code instant}: floor(unix seconds / 30). */
  static long step(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
  }

  /** The code of {@code step} with {@code digits} digits under {@code hmac} (HmacSHA1, HmacSHA256, HmacSHA512). */
  static String code(byte[] key, long step, int digits, String hmac) {
    try {
      Mac mac = Mac.getInstance(hmac);
      mac.init(new SecretKeySpec(key, hmac));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
          | (h[offset + 3] & 0xff);
      int otp = (int) (binary % (long) Math.pow(10, digits));
      return String.format("%0" + digits + "d", otp);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + hmac, e);
    }
  }

  /**
   * The step {@code code} was made for, if it is valid at {@code now} (±1 step) and later than
   * {@code lastUsedStep}; otherwise -1. Compared in constant time.
   */
  static long verify(String base32Secret, String code, Instant now, long lastUsedStep) {
    if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
      return -1;
    }
    byte[] key = decodeBase32(base32Secret);
    long current = step(now);
    long matched = -1;
    for (long s = current - 1; s <= current + 1; s++) {
      boolean equal = MessageDigest.isEqual(code(key, s, DIGITS, "HmacSHA1").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          code.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      if (equal && s > lastUsedStep) {
        matched = s;
      }
    }
    return matched;
  }

  /** {@code otpauth://} URI for an authenticator app's QR code or manual entry. */
  static String uri(String issuer, String account, String base32Secret) {
    String label = java.net.URLEncoder.encode(issuer + ":" + account, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer="
        + java.net.URLEncoder.encode(issuer, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
  }

  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  static byte[] decodeBase32(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char ch : text.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
      int value = BASE32.indexOf(ch);
      if (value < 0) {
        throw new IllegalArgumentException("not base32");
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
