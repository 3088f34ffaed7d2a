package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;

/** IVs and nonces from constant bytes, including an all-zero {@code new byte[16]}. */
public final class StaticIvRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.static-iv", Severity.ERROR,
      "Constant IV or nonce",
      "IvParameterSpec or GCMParameterSpec built from constant bytes (a literal, a constant field, or a "
          + "new byte[] never filled): reusing an IV leaks plaintext, and with GCM also the auth key.",
      "Fill a fresh IV from SecureRandom.nextBytes for every message and send it with the ciphertext.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.IV)) {
      if (use.constantMaterial()) {
        context.report(Algorithms.finding(DESCRIPTOR, use,
            "IV built from constant bytes; fill a fresh IV with SecureRandom.nextBytes for each message"));
      }
    }
  }
}
