package dev.shuqiao.crypto;

import java.security.PublicKey;
import java.util.Objects;

/**
 * The project's one signature verification path, for code outside this package that checks
 * signatures over bytes it holds (signed audit checkpoints). It is the path envelopes and
 * departments use: Bouncy Castle's lightweight signers, tested against every Wycheproof vector, never
 * the JDK provider (which on Java 17 accepts malformed ECDSA encodings and over-long Ed25519
 * signatures).
 *
 * <pre>{@code
 * boolean ok = SignatureCheck.verify(KeyAlgorithm.ECDSA_P256, SignatureCheck.Encoding.DER, key, sig, text);
 * }</pre>
 */
public final class SignatureCheck {

  /** How the signature bytes are laid out. */
  public enum Encoding {
    /** Fixed size: ECDSA as IEEE P1363 r‖s (64 bytes), Ed25519 as RFC 8032 (64 bytes). */
    FIXED,
    /** ASN.1 DER SEQUENCE of r and s, strictly (ECDSA P-256 and SM2). */
    DER
  }

  private SignatureCheck() {}

  /**
   * True only if {@code signature} is a well-formed signature of {@code key} over {@code message};
   * malformed input of any kind is false, never an exception. SM2 uses the default user id
   * {@code 1234567812345678}.
   *
   * @throws IllegalArgumentException for a combination that does not exist (Ed25519 in DER, SM2 fixed)
   */
  public static boolean verify(KeyAlgorithm algorithm, Encoding encoding, PublicKey key, byte[] signature,
      byte[] message) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(message, "message");
    boolean fixed = encoding == Encoding.FIXED;
    if (algorithm == KeyAlgorithm.ED25519 && !fixed || algorithm == KeyAlgorithm.SM2 && fixed) {
      throw new IllegalArgumentException(algorithm + " signatures have no " + encoding + " encoding");
    }
    return fixed ? Signatures.verify(algorithm, key, signature, message)
        : Signatures.verifyDer(algorithm, key, signature, message);
  }
}
