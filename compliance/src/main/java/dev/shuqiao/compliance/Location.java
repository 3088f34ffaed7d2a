package dev.shuqiao.compliance;

import java.util.Objects;

/**
 * Where a finding is: a file (for classes, the source path relative to the source root, such as
 * {@code dev/acme/Hasher.java}; for other inputs, the path as given), a 1-based line (0 when
 * unknown), and the symbol (such as {@code dev.acme.Hasher#md5}) when there is one.
 */
public record Location(String file, int line, String symbol) {

  public Location {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(symbol, "symbol");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
  }

  /** A location in a file without a symbol. */
  public static Location of(String file, int line) {
    return new Location(file, line, "");
  }

  /** {@code file:line}, or just {@code file} when the line is unknown. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
