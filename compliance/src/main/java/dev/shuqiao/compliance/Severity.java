package dev.shuqiao.compliance;

import java.util.Locale;

/** How bad a {@link Finding} is; the build gate ({@code failOn}) compares against it. */
public enum Severity {
  ERROR,
  WARNING;

  /** Lower-case name, as printed in summaries and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
