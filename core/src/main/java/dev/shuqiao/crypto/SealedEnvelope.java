package dev.shuqiao.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A sealed envelope in transit, in either of its two equivalent forms: compact binary or JSON (see
 * {@code docs/envelope.md}). Parsing checks structure only; nothing here is authenticated until an
 * {@link EnvelopeOpener} has opened it.
 *
 * <pre>{@code
 * byte[] wire = sealer.seal(content).toBinary();
 * OpenedEnvelope opened = opener.open(SealedEnvelope.fromBinary(wire));
 * }</pre>
 */
public final class SealedEnvelope {

  private static final Base64.Encoder KEY_ID = Base64.getUrlEncoder().withoutPadding();

  private final WireEnvelope wire;

  SealedEnvelope(WireEnvelope wire) {
    this.wire = wire;
  }

  /**
   * Parses a copy of {@code binary}. To open bytes just received, {@link EnvelopeOpener#open(byte[])}
   * reads them in place instead.
   *
   * @throws MalformedEnvelopeException if {@code binary} is not exactly one well-formed envelope
   */
  public static SealedEnvelope fromBinary(byte[] binary) {
    return new SealedEnvelope(WireEnvelope.parse(Objects.requireNonNull(binary, "binary").clone()));
  }

  /**
   * @throws MalformedEnvelopeException if {@code json} is not a well-formed envelope in JSON form
   */
  public static SealedEnvelope fromJson(String json) {
    return new SealedEnvelope(EnvelopeJson.parse(Objects.requireNonNull(json, "json")));
  }

  public byte[] toBinary() {
    return wire.toBinary();
  }

  public String toJson() {
    return EnvelopeJson.write(wire);
  }

  /** The message id, unauthenticated: for logs and routing only. */
  public UUID messageId() {
    return wire.messageId();
  }

  /** The claimed suite (unauthenticated). */
  public Suite suite() {
    return wire.suite();
  }

  /** The claimed creation time, the sender's clock (unauthenticated). */
  public Instant createdAt() {
    return Instant.ofEpochMilli(wire.createdAtMillis());
  }

  /**
   * The claimed sender certificate as its DER bytes (a copy; unauthenticated: opening verifies the
   * signature with it and validates it against the trust store).
   */
  public byte[] senderCertificateDer() {
    return wire.senderCertificate().clone();
  }

  /** The claimed resource code (unauthenticated). */
  public String resourceCode() {
    return wire.resourceCode();
  }

  /** The claimed content type (unauthenticated). */
  public String contentType() {
    return wire.contentType();
  }

  /** The claimed grant id, if the header has one (unauthenticated). */
  public Optional<String> grantId() {
    return Optional.ofNullable(wire.grantId());
  }

  /** The claimed case id, if the header has one (unauthenticated). */
  public Optional<String> caseId() {
    return Optional.ofNullable(wire.caseId());
  }

  /**
   * The key ids of the recipient blocks, in header order, each as unpadded base64url (as in the JSON
   * form); compare them with {@link #recipientKeyId(X509Certificate)}. Unauthenticated: a block
   * naming a certificate says nothing about whether its holder can open the envelope.
   */
  public List<String> recipientKeyIds() {
    return wire.recipients().stream().map(r -> KEY_ID.encodeToString(r.keyId())).toList();
  }

  /**
   * The recipient key id of {@code certificate} (docs/envelope.md): the hash of its DER encoding by
   * the suite of its key (SM3 for an SM2 key, SHA-256 for Ed25519 and ECDSA P-256), as unpadded
   * base64url.
   *
   * @throws IllegalArgumentException if the certificate holds a key of no supported type
   */
  public static String recipientKeyId(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    Suite suite = KeyAlgorithm.of(certificate.getPublicKey()).suite();
    return KEY_ID.encodeToString(WireEnvelope.keyId(suite, EnvelopeSealer.encoded(certificate)));
  }

  WireEnvelope wire() {
    return wire;
  }
}
