package dev.shuqiao.crypto;

/** The sender's certificate (or its issuer) is outside its validity period. */
public final class ExpiredSenderException extends UntrustedSenderException {

  private static final long serialVersionUID = 1L;

  ExpiredSenderException(String message) {
    super(message);
  }

  ExpiredSenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
