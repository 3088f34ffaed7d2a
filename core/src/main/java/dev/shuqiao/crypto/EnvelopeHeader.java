package dev.shuqiao.crypto;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The authenticated header fields of an opened envelope or stream. */
public final class EnvelopeHeader {

  private final Suite suite;
  private final UUID messageId;
  private final Instant createdAt;
  private final String resourceCode;
  private final String contentType;
  private final String grantId;
  private final String caseId;

  EnvelopeHeader(Suite suite, UUID messageId, Instant createdAt, String resourceCode, String contentType, String grantId,
      String caseId) {
    this.suite = suite;
    this.messageId = messageId;
    this.createdAt = createdAt;
    this.resourceCode = resourceCode;
    this.contentType = contentType;
    this.grantId = grantId;
    this.caseId = caseId;
  }

  static EnvelopeHeader of(WireEnvelope wire) {
    return new EnvelopeHeader(wire.suite(), wire.messageId(), Instant.ofEpochMilli(wire.createdAtMillis()),
        wire.resourceCode(), wire.contentType(), wire.grantId(), wire.caseId());
  }

  public Suite suite() {
    return suite;
  }

  public UUID messageId() {
    return messageId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String resourceCode() {
    return resourceCode;
  }

  public String contentType() {
    return contentType;
  }

  public Optional<String> grantId() {
    return Optional.ofNullable(grantId);
  }

  public Optional<String> caseId() {
    return Optional.ofNullable(caseId);
  }

  @Override
  public String toString() {
    return "EnvelopeHeader[" + suite + ", " + messageId + ", " + createdAt + ", " + resourceCode + "]";
  }
}
