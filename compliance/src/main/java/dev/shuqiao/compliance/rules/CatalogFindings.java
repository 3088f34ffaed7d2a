package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.Location;
import dev.shuqiao.compliance.RuleDescriptor;

/** Findings about a {@code @DataResource} class or one of its fields. */
final class CatalogFindings {

  private CatalogFindings() {}

  static Finding about(RuleDescriptor rule, ResourceClasses.ResourceClass type, String key, String message) {
    Location at = type.location();
    return Finding.builder().ruleId(rule.id()).severity(rule.severity()).message(message)
        .location(at).fingerprintKey(key).build();
  }

  static Finding about(RuleDescriptor rule, ResourceClasses.Field field, String message) {
    Location at = field.owner().location();
    return Finding.builder().ruleId(rule.id()).severity(rule.severity()).message(message)
        .location(new Location(at.file(), at.line(), at.symbol() + "#" + field.node().name))
        .fingerprintKey(field.node().name).build();
  }

  static String simpleName(ResourceClasses.ResourceClass type) {
    String name = type.type().name;
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
