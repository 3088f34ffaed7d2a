package dev.shuqiao.audit;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks shared by the audit values: printable text, bounded length, no clear identity numbers. */
final class FieldRules {

  static final int MAX_FIELD_BYTES = 512;

  /** 18-character PRC resident identity number (17 digits and a digit or X check character). */
  private static final Pattern RESIDENT_ID = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])");

  private FieldRules() {}

  static String requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_BYTES) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_FIELD_BYTES + " bytes");
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
   */
  static boolean containsResidentId(String value) {
    Matcher matcher = RESIDENT_ID.matcher(value);
    while (matcher.find()) {
      String candidate = matcher.group();
      if (isBirthDate(candidate.substring(6, 14))) {
        return true;
      }
    }
    return false;
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
