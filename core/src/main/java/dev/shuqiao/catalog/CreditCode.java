package dev.shuqiao.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * A 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-symbol
 * alphabet, the last one a check character over the first 17.
 *
 * <pre>{@code
 * CreditCode code = CreditCode.parse("11450200MB15337658");
 * }</pre>
 */
public final class CreditCode {

  /** The GB 32100 alphabet: digits and capitals without I, O, S, V and Z. */
  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final int LENGTH = 18;

  private final String value;

  private CreditCode(String value) {
    this.value = value;
  }

  /**
   * Parses a credit code.
   *
   * @throws IllegalArgumentException naming what is wrong (length, a character outside the alphabet,
   *     or the check character)
   */
  public static CreditCode parse(String text) {
    Objects.requireNonNull(text, "text");
    Optional<String> problem = problem(text);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return new CreditCode(text);
  }

  /** What is wrong with {@code text} as a credit code, or empty if it is valid. */
  static Optional<String> problem(String text) {
    if (text.length() != LENGTH) {
      return Optional.of("must be 18 characters, found " + text.length());
    }
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      int digit = ALPHABET.indexOf(text.charAt(i));
      if (digit < 0) {
        return Optional.of("character " + (i + 1) + " '" + text.charAt(i)
            + "' is not allowed (digits and capitals except I, O, S, V, Z)");
      }
      sum += digit * WEIGHTS[i];
    }
    char expected = checkCharacter(sum);
    if (text.charAt(LENGTH - 1) != expected) {
      return Optional.of("check character is '" + text.charAt(LENGTH - 1) + "' but the first 17"
          + " characters require '" + expected + "'; the code is mistyped");
    }
    return Optional.empty();
  }

  /** The check character for the first 17 characters of a code (which must be in the alphabet). */
  static char checkCharacter(CharSequence first17) {
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    return checkCharacter(sum);
  }

  private static char checkCharacter(int weightedSum) {
    int check = 31 - weightedSum % 31;
    return ALPHABET.charAt(check == 31 ? 0 : check);
  }

  /** The first two characters: registration authority and organisation kind ({@code 11} = 机关). */
  public String authorityAndKind() {
    return value.substring(0, 2);
  }

  /** The six-digit administrative division code (e.g. {@code 450200} for Liuzhou). */
  public String divisionCode() {
    return value.substring(2, 8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CreditCode code && code.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
