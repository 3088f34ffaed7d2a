package dev.shuqiao.audit;

/** What an audited actor did. The {@link #code()} is what the canonical encoding stores. */
public enum AuditAction {
  CATALOG_REGISTER("catalog.register"),
  CATALOG_UPDATE("catalog.update"),
  GRANT_APPLY("grant.apply"),
  GRANT_APPROVE("grant.approve"),
  GRANT_REFUSE("grant.refuse"),
  EXCHANGE_REQUEST("exchange.request"),
  EXCHANGE_DELIVER("exchange.deliver"),
  EXCHANGE_REFUSE("exchange.refuse"),
  DATA_ACCESS("data.access"),
  BUNDLE_STEP("bundle.step");

  private final String code;

  AuditAction(String code) {
    this.code = code;
  }

  /** Stable wire name, e.g. {@code grant.approve}. */
  public String code() {
    return code;
  }

  /** Returns the action with this {@link #code()}. */
  public static AuditAction fromCode(String code) {
    for (AuditAction action : values()) {
      if (action.code.equals(code)) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown audit action '" + code + "'");
  }
}
