package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import java.util.List;

/**
 * The built-in rules.
 *
 * <pre>{@code
 * for (ComplianceRule rule : BuiltInRules.weakCrypto()) {
 *   rule.execute(context);
 * }
 * }</pre>
 */
public final class BuiltInRules {

  private BuiltInRules() {}

  /** Every weak-crypto rule; they share one dataflow analysis per context. */
  public static List<ComplianceRule> weakCrypto() {
    return List.of(new WeakDigestRule(), new WeakSignatureRule(), new WeakCipherRule(),
        new EcbModeRule(), new WeakPbeRule(), new WeakKeySizeRule(), new HardCodedKeyRule(),
        new StaticIvRule(), new SeededRandomRule());
  }
}
