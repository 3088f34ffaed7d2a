package dev.shuqiao.catalog;

import java.util.Objects;

/**
 * A resource code (资源代码): the classification code (前段码) followed by a sequence number (后段码).
 * Parse and print it through a {@link ResourceCodeFormat}; {@link #toString()} uses the default format.
 *
 * @param classification the classification part
 * @param sequence the sequence number, digits as written (leading zeros kept)
 */
public record ResourceCode(ClassificationCode classification, String sequence) {

  public ResourceCode {
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(sequence, "sequence");
  }

  /** Parses {@code text} in the default format; see {@link ResourceCodeFormat#parse(String)}. */
  public static ResourceCode parse(String text) {
    return ResourceCodeFormat.DEFAULT.parse(text);
  }

  @Override
  public String toString() {
    return ResourceCodeFormat.DEFAULT.format(this);
  }
}
