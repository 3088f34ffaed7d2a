package dev.shuqiao.examples.birth;

/**
 * Valid-format but fictitious identifiers: resident ID numbers with a correct GB 11643 check digit
 * and unified social credit codes that pass every check of GB 32100 and GB 11714.
 */
final class FakeIds {

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String ID_CHECK = "10X98765432";

  private FakeIds() {}

  /** The 18-digit ID number for the 17 digits {@code body} (region, birth date, sequence). */
  static String idNumber(String body) {
    if (!body.matches("\\d{17}")) {
      throw new IllegalArgumentException("an ID number body is 17 digits");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return body + ID_CHECK.charAt(sum % 11);
  }

  /**
   * The 18-character credit code whose first 16 characters are {@code first16}, completed by its GB
   * 11714 and GB 32100 check characters.
   */
  static String creditCode(String first16) {
    return dev.shuqiao.catalog.CreditCode.withCheckCharacters(first16).toString();
  }
}
