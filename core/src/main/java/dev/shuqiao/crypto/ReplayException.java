package dev.shuqiao.crypto;

/** The message id was seen before, or created-at lies outside the accepted window. */
public final class ReplayException extends EnvelopeException {

  private static final long serialVersionUID = 1L;

  ReplayException(String message) {
    super(message);
  }

  ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
