package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.Set;

/** MD5, MD4, MD2 and SHA-1 digests (and HMACs over MD5), found by dataflow, not by name. */
public final class WeakDigestRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.weak-digest", Severity.ERROR,
      "Weak message digest",
      "MessageDigest or Mac with MD2, MD4, MD5 or SHA-1: collisions are practical, so these digests "
          + "must not protect passwords, tokens, signatures or integrity (GB/T 39786-2021).",
      "Use SM3 (MessageDigest.getInstance(\"SM3\") with Bouncy Castle) or SHA-256; for passwords use "
          + "a password hash such as PBKDF2WithHmacSHA256 or Argon2.");

  private static final Set<String> WEAK = Set.of("MD2", "MD4", "MD5", "SHA-1", "SHA1", "SHA", "SHA-0");
  private static final Set<String> WEAK_MAC = Set.of("HMACMD5", "HMACMD4", "HMACMD2");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.DIGEST, Sink.MAC)) {
      boolean weak = use.sink() == Sink.DIGEST ? WEAK.contains(use.algorithm()) : WEAK_MAC.contains(use.algorithm());
      if (weak) {
        context.report(Algorithms.finding(DESCRIPTOR, use, use.sink().display() + "(\"" + use.written()
            + "\"): " + use.written() + " is broken for security use; use SM3 or SHA-256 instead"));
      }
    }
  }
}
