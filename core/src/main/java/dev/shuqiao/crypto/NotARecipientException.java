package dev.shuqiao.crypto;

/** None of the envelope's recipient blocks is addressed to this department's identities. */
public final class NotARecipientException extends EnvelopeException {

  private static final long serialVersionUID = 1L;

  NotARecipientException(String message) {
    super(message);
  }

  NotARecipientException(String message, Throwable cause) {
    super(message, cause);
  }
}
