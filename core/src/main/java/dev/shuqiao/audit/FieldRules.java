package dev.shuqiao.audit;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks shared by the audit values: printable text, bounded length, no clear identity numbers. */
final class FieldRules {

  static final int MAX_FIELD_BYTES = 512;
  /** A purpose is free text from the exchange request (up to 2,000 characters there). */
  static final int MAX_PURPOSE_BYTES = 8000;
  static final int MAX_ITEMS = 500;
  /** An item name is up to 200 characters on the exchange channel: 800 UTF-8 bytes at most. */
  static final int MAX_ITEM_BYTES = 800;

  /** 18-character PRC resident identity number (17 digits and a digit or X check character). */
  private static final Pattern RESIDENT_ID = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])");

  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

  private FieldRules() {}

  static String requireText(String what, String value) {
    return requireText(what, value, MAX_FIELD_BYTES);
  }

  static String requireText(String what, String value, int maxBytes) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new IllegalArgumentException(what + " is longer than " + maxBytes + " bytes");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " contains a control character at " + i);
      }
    }
    if (containsResidentId(value)) {
      // Fail closed: audit records carry keyed pseudonyms, never a clear identity number.
      throw new IllegalArgumentException(what + " looks like a clear resident identity number;"
          + " record the data subject as a SubjectPseudonym instead");
    }
    return value;
  }

  /**
   * Whether {@code value} holds an 18-character run shaped like a resident identity number whose
   * characters 7-14 are a real birth date (19xx or 20xx). The check digit is deliberately not
   * required — a mistyped ID number is still personal data — but the date is: an all-digit
   * 统一社会信用代码 has its division code there (e.g. {@code 00} from 450200), which is no year.
   *
   * <p>Some all-digit credit codes do have a date there (a division code ending in 19 or 20). A run
   * that is a valid credit code (GB 32100 check character) and whose last character is not the
   * identity number's check character (GB 11643) is taken for the credit code; one that passes both
   * checks cannot be told apart and is refused.
   */
  static boolean containsResidentId(String value) {
    Matcher matcher = RESIDENT_ID.matcher(value);
    while (matcher.find()) {
      String candidate = matcher.group();
      if (isBirthDate(candidate.substring(6, 14)) && !(isCreditCode(candidate) && !hasIdCheckCharacter(candidate))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCreditCode(String candidate) {
    try {
      dev.shuqiao.catalog.CreditCode.parse(candidate);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** GB 11643: the 18th character is fixed by the weighted sum of the first 17, modulo 11. */
  private static boolean hasIdCheckCharacter(String candidate) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (candidate.charAt(i) - '0') * ID_WEIGHTS[i];
    }
    return Character.toUpperCase(candidate.charAt(17)) == "10X98765432".charAt(sum % 11);
  }

  private static boolean isBirthDate(String yyyymmdd) {
    int year = Integer.parseInt(yyyymmdd.substring(0, 4));
    if (year < 1900 || year > 2099) {
      return false;
    }
    try {
      LocalDate.of(year, Integer.parseInt(yyyymmdd.substring(4, 6)), Integer.parseInt(yyyymmdd.substring(6, 8)));
      return true;
    } catch (DateTimeException notADate) {
      return false;
    }
  }
}
