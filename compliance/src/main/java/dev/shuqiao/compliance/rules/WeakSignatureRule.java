package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;

/** Signatures over MD2, MD5 or SHA-1 ({@code SHA1withRSA}, {@code MD5withRSA}, …). */
public final class WeakSignatureRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.weak-signature", Severity.ERROR,
      "Signature over a weak digest",
      "Signature.getInstance with an MD2, MD5 or SHA-1 based scheme: a collision lets an attacker "
          + "reuse a signature on a forged document.",
      "Use SM3withSM2, SHA256withECDSA, Ed25519 or SHA256withRSA/PSS with a key of at least 2048 bits.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.SIGNATURE)) {
      String name = use.algorithm();
      if (name.startsWith("MD2WITH") || name.startsWith("MD5WITH") || name.startsWith("SHA1WITH")
          || name.startsWith("SHA-1WITH") || name.startsWith("MD5AND")) {
        context.report(Algorithms.finding(DESCRIPTOR, use, "Signature.getInstance(\"" + use.written()
            + "\") signs a weak digest; use SM3withSM2 or SHA256withECDSA instead"));
      }
    }
  }
}
