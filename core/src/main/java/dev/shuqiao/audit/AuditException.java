package dev.shuqiao.audit;

/** Root of the unchecked exceptions thrown by the audit log. */
public class AuditException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
