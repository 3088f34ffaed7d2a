package dev.shuqiao.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A 统一社会信用代码 (unified social credit code, GB 32100-2015), checked in full: 18 characters from
 * a 31-symbol alphabet; characters 1–2 a registration authority and institution type allowed by GB
 * 32100's table; 3–8 an administrative division code (GB/T 2260: a known province, and no county
 * part under an empty prefecture part); 9–17 an organisation code whose ninth character is its GB
 * 11714 check character; 18 the GB 32100 check character over the first 17.
 *
 * <pre>{@code
 * CreditCode code = CreditCode.parse("11450200MB15337658");
 * }</pre>
 *
 * <p>The tables are data, in {@code credit-code-kinds.tsv} and {@code division-provinces.tsv} beside
 * this class, each with its source. Only the province level of the division code is checked against a
 * table: prefecture and county codes change yearly and belong to the deployment, not to this library.
 */
public final class CreditCode {

  /** The GB 32100 alphabet: digits and capitals without I, O, S, V and Z. */
  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  /** GB 11714-1997 weights for the eight body characters of an organisation code. */
  private static final int[] ORGANIZATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
  private static final int LENGTH = 18;
  private static final Map<String, String> KINDS = table("credit-code-kinds.tsv", 0, 2, 3);
  private static final Map<String, String> PROVINCES = table("division-provinces.tsv", 0, -1, 1);

  private final String value;

  private CreditCode(String value) {
    this.value = value;
  }

  /**
   * Parses a credit code.
   *
   * @throws IllegalArgumentException naming what is wrong (length, a character outside the alphabet,
   *     the check character, the authority and type, the division code, or the organisation code)
   */
  public static CreditCode parse(String text) {
    Objects.requireNonNull(text, "text");
    Optional<String> problem = problem(text);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return new CreditCode(text);
  }

  /**
   * The code whose first 16 characters (authority, type, division, organisation code body) are
   * {@code first16}, completed by its two check characters: GB 11714's, then GB 32100's. For sample
   * data and test fixtures; the result is checked like any parsed code.
   *
   * @throws IllegalArgumentException if {@code first16} is not 16 characters or the result is invalid
   */
  public static CreditCode withCheckCharacters(String first16) {
    Objects.requireNonNull(first16, "first16");
    if (first16.length() != LENGTH - 2 || !first16.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      throw new IllegalArgumentException("expected the first 16 characters of a credit code");
    }
    String first17 = first16 + organizationCheckCharacter(first16.substring(8));
    return parse(first17 + checkCharacter(first17));
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
    return structureProblem(text);
  }

  private static Optional<String> structureProblem(String text) {
    String kind = text.substring(0, 2);
    if (!KINDS.containsKey(kind)) {
      return Optional.of("characters 1-2 '" + kind + "' are not a registration authority and institution type of"
          + " GB 32100 (e.g. 11 机关, 12 事业单位, 51 社会团体, 91 企业)");
    }
    String division = text.substring(2, 8);
    Optional<String> divisionProblem = divisionProblem(division);
    if (divisionProblem.isPresent()) {
      return divisionProblem;
    }
    String organization = text.substring(8, 17);
    char organizationCheck = organizationCheckCharacter(organization.substring(0, 8));
    if (organization.charAt(8) != organizationCheck) {
      return Optional.of("characters 9-17 '" + organization + "' are not an organisation code: its GB 11714 check"
          + " character is '" + organization.charAt(8) + "' but '" + organization.substring(0, 8) + "' requires '"
          + organizationCheck + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> divisionProblem(String division) {
    for (int i = 0; i < division.length(); i++) {
      if (division.charAt(i) < '0' || division.charAt(i) > '9') {
        return Optional.of("characters 3-8 '" + division + "' must be a six-digit administrative division code");
      }
    }
    String province = division.substring(0, 2);
    if (!PROVINCES.containsKey(province)) {
      return Optional.of("characters 3-8 '" + division + "' do not start with a province-level division code"
          + " (GB/T 2260: 11 北京 ... 65 新疆, 71, 81, 82; 10 for national registration)");
    }
    boolean national = province.equals("10");
    boolean countyWithoutPrefecture = division.startsWith("00", 2) && !division.startsWith("00", 4);
    if (national && !division.equals("100000") || countyWithoutPrefecture) {
      return Optional.of("characters 3-8 '" + division + "' are not an administrative division code"
          + (national ? " (national registration is 100000)" : " (a county part under prefecture 00)"));
    }
    return Optional.empty();
  }

  /**
   * The GB 11714 check character of an organisation code's first eight characters: digits count as
   * themselves, capitals A-Z as 10-35; 11 - (weighted sum mod 11), with 10 written X and 11 written 0.
   */
  static char organizationCheckCharacter(CharSequence body) {
    int sum = 0;
    for (int i = 0; i < ORGANIZATION_WEIGHTS.length; i++) {
      sum += Character.digit(body.charAt(i), 36) * ORGANIZATION_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  }

  private static Map<String, String> table(String resource, int keyColumn, int secondKeyColumn, int valueColumn) {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = CreditCode.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing table " + resource);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        String key = cells[keyColumn] + (secondKeyColumn < 0 ? "" : cells[secondKeyColumn]);
        out.put(key, cells[valueColumn]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(out);
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
