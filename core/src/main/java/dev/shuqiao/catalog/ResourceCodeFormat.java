package dev.shuqiao.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How resource codes are written. Platforms differ in separators, so this is the one place they are
 * configured and checked. The default writes {@code 1 01 001/000123}: levels separated by a space,
 * the sequence number of six digits after a slash.
 *
 * <pre>{@code
 * ResourceCodeFormat dotted = ResourceCodeFormat.builder().levelSeparator(".").build();
 * ResourceCode code = dotted.parse("1.01.001/000123");
 * }</pre>
 */
public final class ResourceCodeFormat {

  /** {@code 1 01 001/000123}. */
  public static final ResourceCodeFormat DEFAULT = builder().build();

  private static final int[] LEVEL_WIDTHS = {1, 2, 3};

  private final String levelSeparator;
  private final String sequenceSeparator;
  private final int sequenceDigits;

  private ResourceCodeFormat(Builder builder) {
    this.levelSeparator = builder.levelSeparator;
    this.sequenceSeparator = builder.sequenceSeparator;
    this.sequenceDigits = builder.sequenceDigits;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses a resource code.
   *
   * @throws IllegalArgumentException with a message that shows the expected shape
   */
  public ResourceCode parse(String text) {
    Objects.requireNonNull(text, "text");
    return parseOrProblem(text).orElseThrow(() -> new IllegalArgumentException(problem(text)));
  }

  /** Parses a classification code written with this format's level separator. */
  public ClassificationCode parseClassification(String text) {
    Objects.requireNonNull(text, "text");
    return parseLevels(text).orElseThrow(() -> new IllegalArgumentException("'" + text
        + "' is not a classification code; expected " + classificationShape()));
  }

  public String format(ResourceCode code) {
    return format(code.classification()) + sequenceSeparator + code.sequence();
  }

  public String format(ClassificationCode code) {
    return String.join(levelSeparator, code.levels());
  }

  /** The expected shape with an example, for error messages. */
  public String shape() {
    return "<类 1 digit>" + levelSeparator + "<项 2 digits>" + levelSeparator + "<目 3 digits>["
        + levelSeparator + "<细目 digits>]" + sequenceSeparator + "<" + sequenceDigits
        + "-digit sequence>, e.g. \"" + example() + "\"";
  }

  String example() {
    return "1" + levelSeparator + "01" + levelSeparator + "001" + sequenceSeparator
        + "0".repeat(sequenceDigits - 3) + "123";
  }

  String classificationShape() {
    return "<类 1 digit>" + levelSeparator + "<项 2 digits>" + levelSeparator + "<目 3 digits>["
        + levelSeparator + "<细目 digits>], e.g. \"1" + levelSeparator + "01" + levelSeparator + "001\"";
  }

  String problem(String text) {
    return "'" + text + "' is not a resource code; expected " + shape();
  }

  Optional<ResourceCode> parseOrProblem(String text) {
    int cut = text.lastIndexOf(sequenceSeparator);
    if (cut <= 0) {
      return Optional.empty();
    }
    String sequence = text.substring(cut + sequenceSeparator.length());
    if (sequence.length() != sequenceDigits || !allDigits(sequence)) {
      return Optional.empty();
    }
    return parseLevels(text.substring(0, cut)).map(levels -> new ResourceCode(levels, sequence));
  }

  Optional<ClassificationCode> parseLevels(String text) {
    List<String> levels = levelSeparator.isEmpty() ? splitByWidth(text) : split(text);
    if (levels == null || levels.size() < 3 || levels.size() > 4) {
      return Optional.empty();
    }
    for (int i = 0; i < levels.size(); i++) {
      String level = levels.get(i);
      boolean widthOk = i < LEVEL_WIDTHS.length ? level.length() == LEVEL_WIDTHS[i] : !level.isEmpty();
      if (!widthOk || !allDigits(level)) {
        return Optional.empty();
      }
    }
    return Optional.of(new ClassificationCode(levels));
  }

  private List<String> split(String text) {
    List<String> levels = new ArrayList<>(4);
    int from = 0;
    while (levels.size() < 4) {
      int at = text.indexOf(levelSeparator, from);
      if (at < 0) {
        levels.add(text.substring(from));
        return levels;
      }
      levels.add(text.substring(from, at));
      from = at + levelSeparator.length();
    }
    return null;
  }

  private static List<String> splitByWidth(String text) {
    if (text.length() < 6) {
      return null;
    }
    List<String> levels = new ArrayList<>(List.of(text.substring(0, 1), text.substring(1, 3), text.substring(3, 6)));
    if (text.length() > 6) {
      levels.add(text.substring(6));
    }
    return levels;
  }

  private static boolean allDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "ResourceCodeFormat[" + example() + "]";
  }

  /** Builds a {@link ResourceCodeFormat}; defaults give {@link #DEFAULT}. */
  public static final class Builder {
    private String levelSeparator = " ";
    private String sequenceSeparator = "/";
    private int sequenceDigits = 6;

    private Builder() {}

    /** Between 类, 项, 目 and 细目; may be empty (levels are then told apart by width). */
    public Builder levelSeparator(String separator) {
      this.levelSeparator = Objects.requireNonNull(separator, "separator");
      return this;
    }

    /** Between the classification code and the sequence number; not empty. */
    public Builder sequenceSeparator(String separator) {
      this.sequenceSeparator = Objects.requireNonNull(separator, "separator");
      return this;
    }

    public Builder sequenceDigits(int digits) {
      this.sequenceDigits = digits;
      return this;
    }

    public ResourceCodeFormat build() {
      if (sequenceSeparator.isEmpty() || sequenceSeparator.chars().anyMatch(Character::isDigit)) {
        throw new IllegalArgumentException("sequenceSeparator must be non-empty and contain no digits");
      }
      if (levelSeparator.chars().anyMatch(Character::isDigit) || levelSeparator.equals(sequenceSeparator)) {
        throw new IllegalArgumentException("levelSeparator must contain no digits and differ from sequenceSeparator");
      }
      if (sequenceDigits < 3 || sequenceDigits > 12) {
        throw new IllegalArgumentException("sequenceDigits must be within 3..12, was " + sequenceDigits);
      }
      return new ResourceCodeFormat(this);
    }
  }
}
