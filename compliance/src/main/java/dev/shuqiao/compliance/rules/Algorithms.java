package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.RuleDescriptor;
import java.util.Set;

/** Algorithm-name parsing shared by the crypto rules (names are upper case by then). */
final class Algorithms {

  /** Block ciphers for which a transformation without a mode means ECB. */
  static final Set<String> BLOCK_CIPHERS = Set.of("AES", "AES_128", "AES_192", "AES_256", "SM4", "DES",
      "DESEDE", "TRIPLEDES", "BLOWFISH", "RC2", "ARIA", "CAMELLIA", "SEED", "TWOFISH", "IDEA", "CAST5");

  private Algorithms() {}

  /** {@code AES} of {@code AES/GCM/NoPadding}. */
  static String base(String transformation) {
    int slash = transformation.indexOf('/');
    return (slash < 0 ? transformation : transformation.substring(0, slash)).trim();
  }

  /** {@code GCM} of {@code AES/GCM/NoPadding}; empty when there is no mode. */
  static String mode(String transformation) {
    String[] parts = transformation.split("/");
    return parts.length > 1 ? parts[1].trim() : "";
  }

  /** The finding for one use, message suffixed with the helper the use goes through. */
  static Finding finding(RuleDescriptor rule, CryptoUse use, String message) {
    return Finding.builder()
        .ruleId(rule.id())
        .severity(rule.severity())
        .message(message + use.viaSuffix())
        .location(use.location())
        .fingerprintKey(use.key())
        .build();
  }
}
