package dev.shuqiao.hub.internal.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string form {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}
 * — OWASP's first recommended setting. The parameters travel in the string, so stronger ones can be
 * chosen later without invalidating stored hashes.
 */
final class PasswordHasher {

  static final int MEMORY_KIB = 19_456;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  /** Verified against when the user name is unknown, so both cases cost the same time. */
  private static final String DUMMY = new PasswordHasher(new SecureRandom()).hash("dummy password, never matches");

  private final SecureRandom random;

  PasswordHasher(SecureRandom random) {
    this.random = random;
  }

  String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(hash);
  }

  /** True if {@code password} matches {@code stored}; false (never an exception) for a malformed string. */
  static boolean verify(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      String[] params = parts[3].split(",");
      int m = Integer.parseInt(params[0].substring(2));
      int t = Integer.parseInt(params[1].substring(2));
      int p = Integer.parseInt(params[2].substring(2));
      if (m < 8 * p || m > 1 << 22 || t < 1 || t > 10 || p < 1 || p > 16) {
        return false;
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Spends the time of one verification, for an unknown user name. */
  static void verifyDummy(String password) {
    verify(password, DUMMY);
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(iterations)
        .withParallelism(parallelism).withSalt(salt).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
