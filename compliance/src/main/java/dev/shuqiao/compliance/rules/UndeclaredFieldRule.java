package dev.shuqiao.compliance.rules;

import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.Optional;

/** Fields of a {@code @DataResource} class that match no information item of that resource. */
public final class UndeclaredFieldRule implements ComplianceRule {

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("catalog.undeclared-field", Severity.ERROR,
      "Field not declared in the catalog",
      "A field of a class that serves a catalog resource does not correspond to any declared "
          + "information item: data would leave through the provider without being catalogued.",
      "Declare the item in the catalog, map the field with @Item(\"item name\"), or remove the field.");

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
      Optional<DataResource> resource = ResourceClasses.resource(context.catalog().orElseThrow(), type.code());
      if (resource.isEmpty()) {
        continue;
      }
      for (ResourceClasses.Field field : type.fields()) {
        if (resource.get().item(field.itemName()).isEmpty()) {
          context.report(CatalogFindings.about(DESCRIPTOR, field, "field " + CatalogFindings.simpleName(type) + "."
              + field.node().name + " maps to item '" + field.itemName() + "', which resource " + type.code()
              + " does not declare; declare it in the catalog or map the field with @Item(\"…\")"));
        }
      }
    }
  }
}
