package dev.shuqiao.compliance.rules;

import dev.shuqiao.catalog.InformationItem;
import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.Optional;

/** Fields serving sensitive items that are marked neither {@code @Masked} nor {@code @Encrypted}. */
public final class UnprotectedSensitiveFieldRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("catalog.unprotected-sensitive", Severity.ERROR,
      "Sensitive item without masking or encryption",
      "The catalog marks the item as sensitive personal information (PIPL, GB/T 35273) but the field "
          + "serving it is not marked for masking or encryption, so it would leave in clear.",
      "Annotate the field @Masked (applying the item's masking rule) or @Encrypted.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    if (context.catalog().isEmpty()) {
      return;
    }
    for (ResourceClasses.ResourceClass type : ResourceClasses.of(context).classes()) {
      for (ResourceClasses.Field field : type.fields()) {
        Optional<InformationItem> item = ResourceClasses.resource(context.catalog().orElseThrow(), type.code())
            .flatMap(r -> r.item(field.itemName()));
        if (item.isPresent() && item.get().sensitive() && !field.protectedValue()) {
          context.report(CatalogFindings.about(DESCRIPTOR, field, "field " + CatalogFindings.simpleName(type) + "."
              + field.node().name + " serves sensitive item '" + field.itemName()
              + "' in clear; annotate it @Masked or @Encrypted"));
        }
      }
    }
  }
}
