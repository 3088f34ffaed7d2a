package dev.shuqiao.examples.birth;

/**
 * Valid-format but fictitious identifiers: resident ID numbers with a correct GB 11643 check digit
 * and unified social credit codes with a correct GB 32100 check character.
 */
final class FakeIds {

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String ID_CHECK = "10X98765432";
  private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] CODE_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

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

  /** The 18-character credit code for the 17 characters {@code body}. */
  static String creditCode(String body) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int value = CODE_ALPHABET.indexOf(body.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("not a credit code character at " + i);
      }
      sum += value * CODE_WEIGHTS[i];
    }
    return body + CODE_ALPHABET.charAt((31 - sum % 31) % 31);
  }
}
