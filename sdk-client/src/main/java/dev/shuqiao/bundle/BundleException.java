package dev.shuqiao.bundle;

/**
 * A bundle could not be defined, started or resumed. {@link #reason()} is a stable slug:
 * {@code invalid-definition}, {@code consent-missing}, {@code consent-insufficient},
 * {@code consent-expired}, {@code form-incomplete}, {@code case-exists}, {@code case-unknown},
 * {@code definition-changed}, {@code journal-corrupt}, {@code journal-io}. Nothing was sent for a case
 * refused with one of these before it started.
 */
public class BundleException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String reason;

  BundleException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  BundleException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
