package dev.shuqiao.crypto;

/** The input is not a well-formed envelope: wrong magic or version, a truncated or overlong field, trailing bytes. */
public final class MalformedEnvelopeException extends EnvelopeException {

  private static final long serialVersionUID = 1L;

  MalformedEnvelopeException(String message) {
    super(message);
  }

  MalformedEnvelopeException(String message, Throwable cause) {
    super(message, cause);
  }
}
