package dev.shuqiao.audit;

/**
 * What an audited actor did. The {@link #code()} is what the canonical encoding stores, so codes are
 * never renamed or reused: the vocabulary only grows, and an event written with an older code still
 * decodes. A reader older than a code refuses the record with "unknown audit action" rather than
 * guess (encoding version 1 is unchanged by new codes).
 */
public enum AuditAction {
  CATALOG_REGISTER("catalog.register"),
  CATALOG_UPDATE("catalog.update"),
  /** A resource withdrawn from the catalog; its history stays. */
  CATALOG_RETIRE("catalog.retire"),
  /** A department (and its certificate) registered with the hub. */
  DEPARTMENT_REGISTER("department.register"),
  /** A department suspended by the hub: its requests are refused until reinstated. */
  DEPARTMENT_SUSPEND("department.suspend"),
  GRANT_APPLY("grant.apply"),
  GRANT_APPROVE("grant.approve"),
  GRANT_REFUSE("grant.refuse"),
  /** An approved grant withdrawn by its provider before its period ended. */
  GRANT_REVOKE("grant.revoke"),
  /** A pending application withdrawn by its consumer before the provider decided. */
  GRANT_WITHDRAW("grant.withdraw"),
  EXCHANGE_REQUEST("exchange.request"),
  EXCHANGE_DELIVER("exchange.deliver"),
  EXCHANGE_REFUSE("exchange.refuse"),
  DATA_ACCESS("data.access"),
  BUNDLE_STEP("bundle.step"),
  /** An official signed in to the hub's web console (DENIED: a failed attempt on a known account). */
  CONSOLE_SIGN_IN("console.sign-in"),
  /** An official signed out of the web console. */
  CONSOLE_SIGN_OUT("console.sign-out"),
  /** An official enrolled in the web console (by a department or hub administrator, or at hub start). */
  CONSOLE_ENROL("console.enrol"),
  /** A suspended department reinstated by the hub administrator. */
  DEPARTMENT_REINSTATE("department.reinstate"),
  /** A department's name or endpoint changed (by the department itself). */
  DEPARTMENT_UPDATE("department.update"),
  /** A department's certificate replaced (by the department with its old key, or by the administrator). */
  DEPARTMENT_ROTATE("department.rotate"),
  /** The hub, as witness, checked a department's audit checkpoint and cosigned it. */
  CHECKPOINT_WITNESS("checkpoint.witness"),
  /**
   * A dataset delivered to a consumer's mailbox (docs/bulk.md): the provider sealed and uploaded
   * it; the hub made it READY. Message id = the delivery's.
   */
  MAILBOX_DELIVER("mailbox.deliver"),
  /** A mailbox delivery acknowledged: the consumer opened and checked it; the hub may delete its bytes. */
  MAILBOX_ACK("mailbox.ack"),
  /** A mailbox delivery the hub discarded unacknowledged (retention ran out, or abandoned). */
  MAILBOX_EXPIRE("mailbox.expire");

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
