package dev.shuqiao.crypto;

/** The envelope was modified: a wrapped key, the header or the ciphertext does not authenticate. */
public class AuthenticationFailedException extends EnvelopeException {

  private static final long serialVersionUID = 1L;

  AuthenticationFailedException(String message) {
    super(message);
  }

  AuthenticationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
