package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.Map;

/** RSA, DSA and DH keys under 2048 bits, EC keys under 256 bits. */
public final class WeakKeySizeRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.weak-key-size", Severity.ERROR,
      "Key too short",
      "KeyPairGenerator.initialize or RSAKeyGenParameterSpec with RSA, DSA or DH keys below 2048 bits "
          + "or EC keys below 256 bits.",
      "Generate RSA keys of at least 2048 bits (3072 for data kept past 2030), or use SM2 or EC P-256.");

  private static final Map<String, Integer> MINIMUM = Map.of("RSA", 2048, "RSASSA-PSS", 2048, "DSA", 2048,
      "DH", 2048, "DIFFIEHELLMAN", 2048, "EC", 256, "ECDSA", 256, "ECDH", 256);

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.KEY_SIZE)) {
      Integer minimum = MINIMUM.get(use.algorithm());
      if (minimum != null && use.keySize() != null && use.keySize() < minimum) {
        context.report(Algorithms.finding(DESCRIPTOR, use, use.algorithm() + " key of " + use.keySize()
            + " bits is too short; use at least " + minimum + " bits"));
      }
    }
  }
}
