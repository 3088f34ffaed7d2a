package dev.shuqiao.compliance.rules;

import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;

/** {@code @DataResource("code")} classes whose code is not a resource of the catalog. */
public final class UnknownResourceRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("catalog.unknown-resource", Severity.ERROR,
      "Resource not in the catalog",
      "A class annotated @DataResource serves a resource code that the module's catalog does not "
          + "declare, so the data would leave without a catalog entry, sharing terms or grading.",
      "Add the resource to the catalog descriptor, or correct the code in @DataResource.");

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    if (context.catalog().isEmpty()) {
      return;
    }
    Catalog catalog = context.catalog().orElseThrow();
    String file = context.catalogFile().orElse("the catalog");
    for (ResourceClasses.ResourceClass type : ResourceClasses.of(context).classes()) {
      if (ResourceClasses.resource(catalog, type.code()).isEmpty()) {
        context.report(CatalogFindings.about(DESCRIPTOR, type, type.code(), "@DataResource(\"" + type.code()
            + "\") on " + CatalogFindings.simpleName(type) + " is not a resource in " + file
            + "; add it to the catalog or correct the code"));
      }
    }
  }
}
