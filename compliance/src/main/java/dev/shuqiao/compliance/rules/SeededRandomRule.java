package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;

/** {@code new SecureRandom(seed)} and {@code SecureRandom.setSeed(…)}. */
public final class SeededRandomRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.seeded-random", Severity.ERROR,
      "Seeded SecureRandom",
      "A SecureRandom given an explicit seed: with some providers (SHA1PRNG) the output becomes "
          + "predictable from the seed.",
      "Use new SecureRandom() or SecureRandom.getInstanceStrong() and never call setSeed.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.SEEDED_RANDOM)) {
      context.report(Algorithms.finding(DESCRIPTOR, use,
          "SecureRandom is seeded explicitly; remove the seed and use new SecureRandom()"));
    }
  }
}
