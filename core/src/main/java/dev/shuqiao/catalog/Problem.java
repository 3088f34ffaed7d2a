package dev.shuqiao.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a catalog: where ({@link #path()} such as {@code resources[2].items[5].type},
 * and the source position when read from a file), which {@link CatalogRule}, and a message that says
 * how to fix it.
 */
public final class Problem {

  private final String path;
  private final CatalogRule rule;
  private final String message;
  private final SourcePosition position;

  Problem(String path, CatalogRule rule, String message, SourcePosition position) {
    // Paths can hold a descriptor's own keys and messages quote its values: show what is invisible.
    this.path = VisibleText.escape(Objects.requireNonNull(path, "path"));
    this.rule = Objects.requireNonNull(rule, "rule");
    this.message = VisibleText.escape(Objects.requireNonNull(message, "message"));
    this.position = position;
  }

  /** JSON-pointer-like path of the offending field; empty for the document itself. */
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

  public String message() {
    return message;
  }

  /** Where the problem is in the source file; empty for catalogs built in code. */
  public Optional<SourcePosition> position() {
    return Optional.ofNullable(position);
  }

  /** {@code file:line:col: error [rule-id] path: message}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (position != null) {
      text.append(position).append(": ");
    }
    text.append(severity().label()).append(" [").append(rule.id()).append("] ");
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    return text.append(message).toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Problem problem
        && problem.path.equals(path)
        && problem.rule == rule
        && problem.message.equals(message)
        && Objects.equals(problem.position, position);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, rule, message, position);
  }
}
