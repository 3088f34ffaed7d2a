package dev.shuqiao.crypto;

/**
 * Root of every failure to open an envelope or stream. The subtype says what failed; messages never
 * carry key material, plaintext or personal data. Any of them means: do not use the content.
 *
 * <ul>
 *   <li>{@link MalformedEnvelopeException} — not a well-formed envelope (truncated, trailing bytes, bad field)</li>
 *   <li>{@link AuthenticationFailedException} — ciphertext or header modified; {@link InvalidSignatureException} — the sender's signature does not verify</li>
 *   <li>{@link UntrustedSenderException} — no trusted chain; {@link ExpiredSenderException}, {@link RevokedSenderException}</li>
 *   <li>{@link NotARecipientException}, {@link ReplayException}, {@link SuitePolicyException}</li>
 * </ul>
 */
public abstract class EnvelopeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  EnvelopeException(String message) {
    super(message);
  }

  EnvelopeException(String message, Throwable cause) {
    super(message, cause);
  }
}
