package dev.shuqiao.catalog;

/** How bad a {@link Problem} is: an error makes a catalog invalid, a warning does not. */
public enum Severity {
  ERROR,
  WARNING;

  /** Lower-case name, as printed in reports. */
  public String label() {
    return this == ERROR ? "error" : "warning";
  }
}
