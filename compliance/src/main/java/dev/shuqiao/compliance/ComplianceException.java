package dev.shuqiao.compliance;

/**
 * A compliance run could not be done (unreadable class file, broken baseline or suppression file).
 * The message is meant for a build log as it is: it names the file and what to do.
 */
public class ComplianceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ComplianceException(String message) {
    super(message);
  }

  public ComplianceException(String message, Throwable cause) {
    super(message, cause);
  }
}
