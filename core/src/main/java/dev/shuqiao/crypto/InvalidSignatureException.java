package dev.shuqiao.crypto;

/** The content decrypted but the sender's signature over header and plaintext does not verify (e.g. re-signed by another department). */
public final class InvalidSignatureException extends AuthenticationFailedException {

  private static final long serialVersionUID = 1L;

  InvalidSignatureException(String message) {
    super(message);
  }

  InvalidSignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
