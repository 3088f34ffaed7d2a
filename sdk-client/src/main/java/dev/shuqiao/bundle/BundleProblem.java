package dev.shuqiao.bundle;

import dev.shuqiao.catalog.SourcePosition;
import java.util.Objects;

/**
 * One thing wrong with a bundle definition: where it is, which rule it breaks (a stable id listed in
 * docs/bundle.md), what is wrong and how to fix it.
 *
 * @param position {@code file:line:column} of the offending value (or of the object missing a field)
 * @param rule the rule id, e.g. {@code unknown-item}
 * @param path the field's path, e.g. {@code steps[1].inputs.出生医学证明编号}; empty for the document
 * @param message what is wrong
 * @param hint how to fix it
 */
public record BundleProblem(SourcePosition position, String rule, String path, String message, String hint) {

  public BundleProblem {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  /** {@code file:line:column: error [rule] path: message — fix: hint}, the form editors and CI logs link. */
  @Override
  public String toString() {
    return position + ": error [" + rule + "] " + (path.isEmpty() ? "" : path + ": ") + message + " — fix: " + hint;
  }
}
