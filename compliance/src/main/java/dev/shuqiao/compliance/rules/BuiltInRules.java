package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import java.util.List;

/**
 * The built-in rules.
 *
 * <pre>{@code
 * for (ComplianceRule rule : BuiltInRules.all()) {
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

  /** Rules comparing {@code @DataResource} classes with the catalog; silent without a catalog. */
  public static List<ComplianceRule> catalog() {
    return List.of(new UnknownResourceRule(), new UndeclaredFieldRule(), new ItemTypeRule(),
        new UnprotectedSensitiveFieldRule());
  }

  /** Personal data reaching logs. */
  public static List<ComplianceRule> privacy() {
    return List.of(new PersonalDataInLogRule());
  }

  /**
   * Every rule that needs no configuration: weak crypto, catalog ↔ code, privacy, and the default
   * dependency bans. The optional policies ({@link GmRequiredRule}, {@link SdkClientVersionRule})
   * are added by the caller.
   */
  public static List<ComplianceRule> all() {
    List<ComplianceRule> all = new java.util.ArrayList<>(weakCrypto());
    all.addAll(catalog());
    all.addAll(privacy());
    all.add(BannedDependencyRule.withDefaults());
    return List.copyOf(all);
  }
}
