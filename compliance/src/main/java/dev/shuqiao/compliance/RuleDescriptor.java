package dev.shuqiao.compliance;

import java.util.Objects;

/**
 * What a rule is: a stable id (never reused, used by suppressions, baselines and SARIF), its default
 * severity, a one-line title, a description of what it finds and help on how to fix it.
 */
public record RuleDescriptor(
    String id, Severity severity, String title, String description, String help) {

  public RuleDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(help, "help");
    if (!id.matches("[a-z]+(\\.[a-z0-9-]+)+")) {
      throw new IllegalArgumentException("rule id must look like 'crypto.weak-digest': " + id);
    }
  }
}
