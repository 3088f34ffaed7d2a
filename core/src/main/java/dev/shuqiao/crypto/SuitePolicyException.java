package dev.shuqiao.crypto;

/** The envelope's suite (or the sender's key type) is not allowed by the recipient's policy, e.g. INTL where GM is required. */
public final class SuitePolicyException extends EnvelopeException {

  private static final long serialVersionUID = 1L;

  SuitePolicyException(String message) {
    super(message);
  }

  SuitePolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
