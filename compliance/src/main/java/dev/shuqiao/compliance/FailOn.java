package dev.shuqiao.compliance;

import java.util.Locale;

/** Which findings fail a build: errors only, errors and warnings, or none (report only). */
public enum FailOn {
  ERROR,
  WARNING,
  NONE;

  /** Parses {@code error}, {@code warning} or {@code none}, case-insensitively. */
  public static FailOn parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ComplianceException("failOn must be error, warning or none, not '" + text + "'.");
    }
  }

  /** Whether a finding of {@code severity} fails the build. */
  public boolean fails(Severity severity) {
    return switch (this) {
      case ERROR -> severity == Severity.ERROR;
      case WARNING -> true;
      case NONE -> false;
    };
  }
}
