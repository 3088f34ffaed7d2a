package dev.shuqiao.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The suite's hash (SM3 or SHA-256) and HMAC over it. */
final class Hashes {

  static final int HASH_BYTES = 32;

  private Hashes() {}

  static MessageDigest digest(Suite suite) {
    try {
      return suite == Suite.GM ? MessageDigest.getInstance("SM3", Providers.BC) : MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("hash unavailable", e);
    }
  }

  static byte[] hash(Suite suite, byte[] data) {
    return digest(suite).digest(data);
  }

  /** Full 32-byte HMAC-SM3 or HMAC-SHA256 tag. */
  static byte[] hmac(Suite suite, byte[] key, byte[] data) {
    try {
      Mac mac = suite == Suite.GM ? Mac.getInstance("HMACSM3", Providers.BC) : Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HMAC"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC unavailable", e);
    }
  }
}
