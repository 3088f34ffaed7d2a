package dev.shuqiao.catalog;

import java.util.Objects;

/**
 * Where in a descriptor a problem sits.
 *
 * @param source the file name or other label the descriptor was read from
 * @param line 1-based line
 * @param column 1-based column
 */
public record SourcePosition(String source, int line, int column) {

  public SourcePosition {
    Objects.requireNonNull(source, "source");
  }

  /** {@code file:line:column}, the form editors and CI logs link. */
  @Override
  public String toString() {
    return source + ":" + line + ":" + column;
  }
}
