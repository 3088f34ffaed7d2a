package dev.shuqiao.compliance.rules;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.DataGrade;
import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;

/**
 * Optional policy "GM required": when the module's catalog holds important or core data, or
 * sensitive personal information, every digest, cipher, MAC, signature and key generator must use
 * the commercial algorithms SM2, SM3 or SM4. Off unless the build enables it.
 *
 * <p>The rule judges the module as a whole: it does not trace which crypto call protects which item.
 */
public final class GmRequiredRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("crypto.gm-required", Severity.ERROR,
      "Non-SM algorithm where GM is required",
      "The city requires the commercial (GM) algorithms for systems holding important/core data or "
          + "sensitive personal information (GB/T 39786-2021); this call uses another algorithm.",
      "Use SM3 for digests and HMAC, SM4/GCM for encryption, SM3withSM2 for signatures (Bouncy Castle); "
          + "keep the international suite only behind an explicit, documented partner interface.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    if (context.catalog().isEmpty() || !needsGm(context.catalog().orElseThrow())) {
      return;
    }
    for (CryptoUse use : CryptoIndex.of(context).uses(Sink.DIGEST, Sink.CIPHER, Sink.MAC, Sink.SIGNATURE,
        Sink.KEY_GENERATOR, Sink.KEY_SIZE)) {
      String name = use.algorithm();
      if (name != null && !name.contains("SM2") && !name.contains("SM3") && !name.contains("SM4")) {
        context.report(Algorithms.finding(DESCRIPTOR, use, use.sink().display() + " uses " + use.written()
            + " but the catalog holds important or sensitive data; use SM2, SM3 or SM4 instead"));
      }
    }
  }

  static boolean needsGm(Catalog catalog) {
    return catalog.resources().stream().flatMap(r -> r.items().stream())
        .anyMatch(i -> i.sensitive() || i.grade() == DataGrade.IMPORTANT || i.grade() == DataGrade.CORE);
  }
}
