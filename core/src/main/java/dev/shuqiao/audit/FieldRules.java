package dev.shuqiao.audit;

import java.nio.charset.StandardCharsets;
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
    if (RESIDENT_ID.matcher(value).find()) {
      // Fail closed: audit records carry keyed pseudonyms, never a clear identity number.
      throw new IllegalArgumentException(what + " looks like a clear resident identity number;"
          + " record the data subject as a SubjectPseudonym instead");
    }
    return value;
  }
}
