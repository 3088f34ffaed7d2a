package dev.shuqiao.crypto;

/** The sender's certificate does not chain to a trusted city root, or its revocation status cannot be established. */
public class UntrustedSenderException extends EnvelopeException {

  private static final long serialVersionUID = 1L;

  UntrustedSenderException(String message) {
    super(message);
  }

  UntrustedSenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
