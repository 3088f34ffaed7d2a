package dev.shuqiao.compliance.rules;

import dev.shuqiao.compliance.ComplianceRule;
import dev.shuqiao.compliance.Dependency;
import dev.shuqiao.compliance.Finding;
import dev.shuqiao.compliance.Location;
import dev.shuqiao.compliance.RuleContext;
import dev.shuqiao.compliance.RuleDescriptor;
import dev.shuqiao.compliance.Severity;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Dependencies matching a banned pattern {@code groupId:artifactId[:version]}, each part a literal
 * or a {@code *} wildcard. {@link #DEFAULTS} bans obsolete crypto providers and log4j 1.
 */
public final class BannedDependencyRule implements ComplianceRule {

  /** Obsolete Bouncy Castle builds (superseded by {@code *-jdk18on}) and end-of-life log4j 1. */
  public static final List<String> DEFAULTS = List.of(
      "org.bouncycastle:*-jdk15on", "org.bouncycastle:*-jdk16", "org.bouncycastle:*-jdk15",
      "org.bouncycastle:*-jdk14", "bouncycastle:*", "log4j:log4j");

  static final RuleDescriptor DESCRIPTOR = new RuleDescriptor("dependency.banned", Severity.ERROR,
      "Banned dependency",
      "A dependency on the project's ban list, by default obsolete crypto providers (bcprov-jdk15on and "
          + "older Bouncy Castle builds) and log4j 1, which no longer receive security fixes.",
      "Replace it (org.bouncycastle:*-jdk18on, log4j-core 2 or SLF4J), or exclude it from the dependency "
          + "that brings it in.");

  private final List<String> patterns;
  private final List<Pattern> compiled;

  public BannedDependencyRule(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    this.compiled = this.patterns.stream().map(BannedDependencyRule::compile).toList();
  }

  /** The rule with {@link #DEFAULTS}. */
  public static BannedDependencyRule withDefaults() {
    return new BannedDependencyRule(DEFAULTS);
  }

  @Override
  public RuleDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public void execute(RuleContext context) {
    for (Dependency dependency : context.dependencies()) {
      for (int i = 0; i < compiled.size(); i++) {
        if (compiled.get(i).matcher(dependency.coordinates()).matches()) {
          context.report(finding(dependency, patterns.get(i)));
          break;
        }
      }
    }
  }

  private static Finding finding(Dependency dependency, String pattern) {
    String how = dependency.trail().isEmpty()
        ? "remove it from the POM"
        : "exclude it from " + dependency.trail() + ", which brings it in";
    return Finding.builder().ruleId(DESCRIPTOR.id()).severity(DESCRIPTOR.severity())
        .message(dependency.coordinates() + " is banned (" + pattern + "); " + how + " and use a maintained replacement")
        .location(new Location("pom.xml", 0, dependency.groupId() + ":" + dependency.artifactId()))
        .fingerprintKey(dependency.coordinates()).build();
  }

  /** {@code g:a} matches any version; {@code *} matches within one part. */
  private static Pattern compile(String pattern) {
    String[] parts = pattern.trim().split(":");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("banned dependency must be groupId:artifactId[:version], not " + pattern);
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      String part = i < parts.length ? parts[i] : "*";
      regex.append(i > 0 ? ":" : "");
      for (String literal : part.split("\\*", -1)) {
        regex.append(Pattern.quote(literal)).append("[^:]*");
      }
      regex.setLength(regex.length() - "[^:]*".length());
    }
    return Pattern.compile(regex.toString());
  }
}
