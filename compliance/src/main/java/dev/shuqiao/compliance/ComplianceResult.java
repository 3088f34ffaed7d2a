package dev.shuqiao.compliance;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link ComplianceCheck}: the rules that ran, the findings that count, and those
 * set aside by a suppression (with its justification) or by the baseline.
 */
public record ComplianceResult(
    List<RuleDescriptor> rules,
    List<Finding> findings,
    Map<Finding, Suppression> suppressed,
    List<Finding> baselined) {

  public ComplianceResult {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
    suppressed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(suppressed));
    baselined = List.copyOf(baselined);
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** The findings that fail a build under {@code failOn}. */
  public List<Finding> failing(FailOn failOn) {
    return findings.stream().filter(f -> failOn.fails(f.severity())).toList();
  }

  /** {@code 2 errors, 1 warning (3 suppressed, 4 in baseline)}. */
  public String summary() {
    long errors = count(Severity.ERROR);
    long warnings = count(Severity.WARNING);
    return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings")
        + " (" + suppressed.size() + " suppressed, " + baselined.size() + " in baseline)";
  }
}
