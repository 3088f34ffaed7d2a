package dev.shuqiao.audit;

/** How an audited action ended. The {@link #code()} is what the canonical encoding stores. */
public enum AuditOutcome {
  /** The action was carried out. */
  SUCCESS("success"),
  /** The action was refused by policy (no grant, wrong department, ...). */
  DENIED("denied"),
  /** The action was attempted and failed (error, timeout, ...). */
  FAILED("failed");

  private final String code;

  AuditOutcome(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Returns the outcome with this {@link #code()}. */
  public static AuditOutcome fromCode(String code) {
    for (AuditOutcome outcome : values()) {
      if (outcome.code.equals(code)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException("unknown audit outcome '" + code + "'");
  }
}
