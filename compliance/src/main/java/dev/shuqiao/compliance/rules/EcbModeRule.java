package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;

/** Block ciphers in ECB mode, including a bare {@code "AES"} or {@code "SM4"}, which means ECB. */
public final class EcbModeRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.ecb-mode", Severity.ERROR,
      "Block cipher in ECB mode",
      "Cipher.getInstance with ECB mode, or with a bare block cipher name such as \"AES\" (the JDK "
          + "default is ECB): equal plaintext blocks give equal ciphertext blocks, leaking patterns.",
      "Name the mode: AES/GCM/NoPadding or SM4/GCM/NoPadding, with a fresh random IV per message.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.CIPHER)) {
      String base = Algorithms.base(use.algorithm());
      String mode = Algorithms.mode(use.algorithm());
      if (!Algorithms.BLOCK_CIPHERS.contains(base)) {
        continue;
      }
      if (mode.isEmpty()) {
        context.report(Algorithms.finding(DESCRIPTOR, use, "Cipher.getInstance(\"" + use.written()
            + "\") without a mode means ECB; write \"" + Algorithms.base(use.written()) + "/GCM/NoPadding\" instead"));
      } else if (mode.equals("ECB")) {
        context.report(Algorithms.finding(DESCRIPTOR, use, "Cipher.getInstance(\"" + use.written()
            + "\") uses ECB mode; use \"" + Algorithms.base(use.written()) + "/GCM/NoPadding\" instead"));
      }
    }
  }
}
