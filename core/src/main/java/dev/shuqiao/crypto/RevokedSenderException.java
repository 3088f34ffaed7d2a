package dev.shuqiao.crypto;

/** The sender's certificate is listed on its issuer's current CRL. */
public final class RevokedSenderException extends UntrustedSenderException {

  private static final long serialVersionUID = 1L;

  RevokedSenderException(String message) {
    super(message);
  }

  RevokedSenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
