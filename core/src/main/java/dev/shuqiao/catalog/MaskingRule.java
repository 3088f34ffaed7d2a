package dev.shuqiao.catalog;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an information item is masked (脱敏规则) before it leaves its provider in clear. Written in a
 * descriptor as one of:
 *
 * <ul>
 *   <li>{@code full} (全部遮蔽) — every character replaced by {@code *};
 *   <li>{@code name} (姓名) — keep the first character: 张** ;
 *   <li>{@code phone} (手机号) — keep the first 3 and last 4: 138****5678;
 *   <li>{@code id-number} (身份证号) — keep the first 6 (the division) and last 4;
 *   <li>{@code keep(P,S)} — keep P leading and S trailing characters;
 *   <li>{@code pseudonym} (假名化) — replace by a keyed pseudonym (needs a department key; see the crypto
 *       package), never reversible by the consumer.
 * </ul>
 */
public final class MaskingRule {

  private static final Pattern KEEP = Pattern.compile("keep\\(\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})\\s*\\)");

  public static final MaskingRule FULL = new MaskingRule("full", 0, 0, false);
  public static final MaskingRule NAME = new MaskingRule("name", 1, 0, false);
  public static final MaskingRule PHONE = new MaskingRule("phone", 3, 4, false);
  public static final MaskingRule ID_NUMBER = new MaskingRule("id-number", 6, 4, false);
  public static final MaskingRule PSEUDONYM = new MaskingRule("pseudonym", 0, 0, true);

  private final String text;
  private final int keepLeading;
  private final int keepTrailing;
  private final boolean pseudonym;

  private MaskingRule(String text, int keepLeading, int keepTrailing, boolean pseudonym) {
    this.text = text;
    this.keepLeading = keepLeading;
    this.keepTrailing = keepTrailing;
    this.pseudonym = pseudonym;
  }

  /** A rule keeping {@code leading} and {@code trailing} characters and masking the rest. */
  public static MaskingRule keep(int leading, int trailing) {
    if (leading < 0 || trailing < 0 || leading > 99 || trailing > 99) {
      throw new IllegalArgumentException("keep(leading, trailing) takes 0..99 each");
    }
    return new MaskingRule("keep(" + leading + "," + trailing + ")", leading, trailing, false);
  }

  /**
   * Parses a rule as written in a descriptor (English or Chinese name, or {@code keep(P,S)}).
   *
   * @throws IllegalArgumentException listing the accepted forms
   */
  public static MaskingRule parse(String text) {
    return lookup(text).orElseThrow(() -> new IllegalArgumentException(
        "unknown masking rule '" + text + "'; use one of " + accepted()));
  }

  static Optional<MaskingRule> lookup(String text) {
    Objects.requireNonNull(text, "text");
    String key = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    switch (key) {
      case "full":
      case "全部遮蔽":
        return Optional.of(FULL);
      case "name":
      case "姓名":
        return Optional.of(NAME);
      case "phone":
      case "手机号":
        return Optional.of(PHONE);
      case "id-number":
      case "身份证号":
        return Optional.of(ID_NUMBER);
      case "pseudonym":
      case "假名化":
        return Optional.of(PSEUDONYM);
      default:
        Matcher keep = KEEP.matcher(key);
        return keep.matches()
            ? Optional.of(keep(Integer.parseInt(keep.group(1)), Integer.parseInt(keep.group(2))))
            : Optional.empty();
    }
  }

  static String accepted() {
    return "full (全部遮蔽), name (姓名), phone (手机号), id-number (身份证号), pseudonym (假名化), keep(P,S)";
  }

  /** Whether this rule replaces the value by a keyed pseudonym rather than by asterisks. */
  public boolean pseudonym() {
    return pseudonym;
  }

  /**
   * Masks {@code value}, counting Unicode code points so Chinese names mask per character. A value
   * too short to keep both ends is masked entirely: masking never reveals the whole value.
   *
   * @throws IllegalStateException for {@link #PSEUDONYM}, which needs a key
   */
  public String apply(String value) {
    Objects.requireNonNull(value, "value");
    if (pseudonym) {
      throw new IllegalStateException("the pseudonym rule needs a department key; use the crypto package");
    }
    int[] codePoints = value.codePoints().toArray();
    boolean keepEnds = keepLeading + keepTrailing < codePoints.length;
    StringBuilder masked = new StringBuilder(value.length());
    for (int i = 0; i < codePoints.length; i++) {
      boolean keep = keepEnds && (i < keepLeading || i >= codePoints.length - keepTrailing);
      if (keep) {
        masked.appendCodePoint(codePoints[i]);
      } else {
        masked.append('*');
      }
    }
    return masked.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MaskingRule rule && rule.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The rule as written in a descriptor, e.g. {@code id-number} or {@code keep(3,4)}. */
  @Override
  public String toString() {
    return text;
  }
}
