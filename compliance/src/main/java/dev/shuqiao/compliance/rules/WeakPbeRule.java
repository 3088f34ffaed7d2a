package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;

/** Password-based encryption schemes over MD5, SHA-1, DES, RC2 or RC4 ({@code PBEWithMD5AndDES}, …). */
public final class WeakPbeRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.weak-pbe", Severity.ERROR,
      "Weak password-based encryption",
      "PBEWith… schemes built on MD5, SHA-1, DES, 3DES, RC2 or RC4 (PKCS#5 v1 / PKCS#12 legacy): "
          + "weak key derivation and weak ciphers.",
      "Derive keys with PBKDF2WithHmacSHA256 (≥ 310,000 iterations) and encrypt with AES/GCM or SM4/GCM, "
          + "or use PBEWithHmacSHA256AndAES_256.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.CIPHER, Sink.SECRET_KEY_FACTORY, Sink.KEY_GENERATOR)) {
      String base = Algorithms.base(use.algorithm());
      if (base.startsWith("PBEWITH") && base.matches("PBEWITH(MD2|MD5|SHA1|SHA-1|SHAAND).*|.*AND(DES|DESEDE|TRIPLEDES|RC2|RC4).*")) {
        context.report(Algorithms.finding(DESCRIPTOR, use, use.sink().display() + "(\"" + use.written()
            + "\") is a legacy password-based scheme; use PBKDF2WithHmacSHA256 with AES/GCM or SM4/GCM instead"));
      }
    }
  }
}
