package dev.shuqiao.compliance;

/**
 * One compliance rule: a small, stateless check that reads a {@link RuleContext} and reports
 * {@link Finding}s. Modelled on maven-enforcer's rules: one class, one {@code execute} method, a
 * human-readable message per finding that says how to fix it.
 *
 * <pre>{@code
 * RuleContext context = RuleContext.builder().addClassDirectory(Path.of("target/classes")).build();
 * for (ComplianceRule rule : BuiltInRules.all()) {
 *   rule.execute(context);
 * }
 * context.findings().forEach(System.out::println);
 * }</pre>
 *
 * <p>Implementations must be thread-safe: one instance may run on several modules at once.
 */
public interface ComplianceRule {

  /** The stable id, severity and documentation of this rule. */
  RuleDescriptor descriptor();

  /** Examines the context and reports every finding through {@link RuleContext#report(Finding)}. */
  void execute(RuleContext context);
}
