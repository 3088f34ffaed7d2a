package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.Set;

/** DES, 3DES, RC2, RC4 and Blowfish in ciphers, key generators and key factories. */
public final class WeakCipherRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.weak-cipher", Severity.ERROR,
      "Weak cipher",
      "Cipher, KeyGenerator or SecretKeyFactory with DES, 3DES (DESede), RC2, RC4 or Blowfish: short "
          + "keys or 64-bit blocks make these breakable (GB/T 39786-2021 lists them as non-compliant).",
      "Use SM4/GCM/NoPadding (Bouncy Castle) or AES/GCM/NoPadding with a random 96-bit IV.");

  private static final Set<String> WEAK = Set.of("DES", "DESEDE", "TRIPLEDES", "3DES", "DESEDEWRAP",
      "RC2", "RC4", "ARCFOUR", "ARC4", "BLOWFISH");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.CIPHER, Sink.KEY_GENERATOR, Sink.SECRET_KEY_FACTORY)) {
      String base = Algorithms.base(use.algorithm());
      if (WEAK.contains(base)) {
        context.report(Algorithms.finding(DESCRIPTOR, use, use.sink().display() + "(\"" + use.written()
            + "\"): " + Algorithms.base(use.written()) + " is a weak cipher; use SM4/GCM/NoPadding or AES/GCM/NoPadding instead"));
      }
    }
  }
}
