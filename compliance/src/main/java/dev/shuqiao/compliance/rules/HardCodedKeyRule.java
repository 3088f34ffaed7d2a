package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;

/** Secret keys built from constant bytes or strings ({@code new SecretKeySpec("k".getBytes(), …)}). */
public final class HardCodedKeyRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.hard-coded-key", Severity.ERROR,
      "Hard-coded secret key",
      "SecretKeySpec, DESKeySpec or DESedeKeySpec built from constant bytes, a string literal or a "
          + "constant field: anyone with the jar has the key.",
      "Load keys from a key store, KMS or HSM (or derive them at run time); never compile them in.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.SECRET_KEY)) {
      if (use.constantMaterial()) {
        context.report(Algorithms.finding(DESCRIPTOR, use, "secret " + use.written()
            + " key built from constant bytes; load it from a key store or KMS instead"));
      }
    }
  }
}
