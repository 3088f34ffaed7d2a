package dev.shuqiao.catalog;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a catalog: where ({@link #path()} such as {@code resources[2].items[5].type},
 * the resource's code and name, and the source position when read from a file), which
 * {@link CatalogRule}, and a message that says how to fix it.
 *
 * <p>Indexes in paths count from zero, as in JSON Pointer and JSONPath ({@code resources[0]} is the
 * first resource); positions count lines and columns from one, as editors do. Messages are English;
 * {@link #message(Locale)} and {@link #toString(Locale)} give Chinese for {@code zh} locales.
 */
public final class Problem {

  private final String path;
  private final CatalogRule rule;
  private final String message;
  private final SourcePosition position;
  private final String resourceCode;
  private final String resourceName;

  Problem(String path, CatalogRule rule, String message, SourcePosition position) {
    this(path, rule, message, position, null, null);
  }

  Problem(String path, CatalogRule rule, String message, SourcePosition position, String resourceCode,
      String resourceName) {
    // Paths can hold a descriptor's own keys and messages quote its values: show what is invisible.
    this.path = VisibleText.escape(Objects.requireNonNull(path, "path"));
    this.rule = Objects.requireNonNull(rule, "rule");
    this.message = VisibleText.escape(Objects.requireNonNull(message, "message"));
    this.position = position;
    this.resourceCode = resourceCode == null ? null : VisibleText.escape(resourceCode);
    this.resourceName = resourceName == null ? null : VisibleText.escape(resourceName);
  }

  /** The same problem without its source position (for catalogs built in code). */
  Problem withoutPosition() {
    return new Problem(path, rule, message, null, resourceCode, resourceName);
  }

  /** JSON-pointer-like path of the offending field, indexes from zero; empty for the document itself. */
  public String path() {
    return path;
  }

  public CatalogRule rule() {
    return rule;
  }

  /** Shorthand for {@code rule().id()}. */
  public String ruleId() {
    return rule.id();
  }

  public Severity severity() {
    return rule.severity();
  }

  /** The English message. */
  public String message() {
    return message;
  }

  /**
   * The message for {@code locale}: Chinese for any {@code zh} locale (the rule's sentence and the
   * values the English message quotes), English otherwise.
   */
  public String message(Locale locale) {
    return ProblemMessages.isChinese(locale) ? ProblemMessages.chinese(this) : message;
  }

  /** The code of the resource the problem is in, as written; empty outside {@code resources[i]} or if it has none. */
  public Optional<String> resourceCode() {
    return Optional.ofNullable(resourceCode);
  }

  /** The name of the resource the problem is in, as written; empty outside {@code resources[i]} or if it has none. */
  public Optional<String> resourceName() {
    return Optional.ofNullable(resourceName);
  }

  /** Where the problem is in the source file; empty for catalogs built in code. */
  public Optional<SourcePosition> position() {
    return Optional.ofNullable(position);
  }

  /** {@code file:line:col: error [rule-id] path: message (resource CODE NAME)}. */
  @Override
  public String toString() {
    return toString(Locale.ROOT);
  }

  /** {@link #toString()} with the message, severity and resource label in {@code locale}'s language. */
  public String toString(Locale locale) {
    boolean chinese = ProblemMessages.isChinese(locale);
    StringBuilder text = new StringBuilder();
    if (position != null) {
      text.append(position).append(": ");
    }
    text.append(chinese ? (severity() == Severity.ERROR ? "错误" : "警告") : severity().label())
        .append(" [").append(rule.id()).append("] ");
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    text.append(message(locale));
    if (resourceCode != null || resourceName != null) {
      String label = (resourceCode == null ? "" : resourceCode) + (resourceCode != null && resourceName != null ? " " : "")
          + (resourceName == null ? "" : resourceName);
      text.append(chinese ? "（资源 " + label + "）" : " (resource " + label + ")");
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Problem problem
        && problem.path.equals(path)
        && problem.rule == rule
        && problem.message.equals(message)
        && Objects.equals(problem.position, position)
        && Objects.equals(problem.resourceCode, resourceCode)
        && Objects.equals(problem.resourceName, resourceName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, rule, message, position);
  }
}
