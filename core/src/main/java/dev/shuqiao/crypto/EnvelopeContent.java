package dev.shuqiao.crypto;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to seal: the payload, who may open it and the exchange metadata bound into the header.
 *
 * <pre>{@code
 * EnvelopeContent content = EnvelopeContent.builder()
 *     .addRecipient(publicSecurity.certificate())
 *     .resourceCode("1 01 001/000123")
 *     .contentType("application/json")
 *     .grantId("GRANT-2026-0042")
 *     .caseId("BIRTH-450200-000017")
 *     .payload(json)
 *     .build();
 * }</pre>
 */
public final class EnvelopeContent {

  private final List<X509Certificate> recipients;
  private final String resourceCode;
  private final String contentType;
  private final String grantId;
  private final String caseId;
  private final byte[] payload;

  private EnvelopeContent(Builder builder) {
    this.recipients = List.copyOf(builder.recipients);
    this.resourceCode = builder.resourceCode;
    this.contentType = builder.contentType;
    this.grantId = builder.grantId;
    this.caseId = builder.caseId;
    this.payload = builder.payload;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<X509Certificate> recipients() {
    return recipients;
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

  /** The payload, or null for stream metadata. */
  byte[] payload() {
    return payload;
  }

  /** Builds {@link EnvelopeContent}; {@link #build()} checks that recipients, resource code, content type and payload are set. */
  public static final class Builder {
    private final List<X509Certificate> recipients = new ArrayList<>();
    private String resourceCode;
    private String contentType;
    private String grantId;
    private String caseId;
    private byte[] payload;

    private Builder() {}

    /** Adds a recipient department by its certificate (validate it with your {@link TrustStore} first). */
    public Builder addRecipient(X509Certificate certificate) {
      recipients.add(Objects.requireNonNull(certificate, "certificate"));
      return this;
    }

    /** The catalog resource code of the data being exchanged. */
    public Builder resourceCode(String resourceCode) {
      this.resourceCode = Objects.requireNonNull(resourceCode, "resourceCode");
      return this;
    }

    /** A media type such as {@code application/json}. */
    public Builder contentType(String contentType) {
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      return this;
    }

    /** The sharing grant this exchange relies on (conditional sharing). */
    public Builder grantId(String grantId) {
      this.grantId = Objects.requireNonNull(grantId, "grantId");
      return this;
    }

    /** The "one thing" case this exchange belongs to. */
    public Builder caseId(String caseId) {
      this.caseId = Objects.requireNonNull(caseId, "caseId");
      return this;
    }

    /**
     * The plaintext. Required by {@link EnvelopeSealer}; must be left unset for a {@link StreamSealer},
     * which takes the payload from its output stream.
     *
     * <p>Not copied, like OkHttp's {@code RequestBody.create(byte[])}: a payload of many megabytes is
     * read in place when sealed. Do not modify the array while an envelope is being sealed from it; if
     * it changes between the sealer's hash and its encryption, the envelope fails to open (the
     * signature no longer matches), it never carries bytes the sender did not sign.
     */
    public Builder payload(byte[] payload) {
      this.payload = Objects.requireNonNull(payload, "payload");
      return this;
    }

    public EnvelopeContent build() {
      if (recipients.isEmpty() || recipients.size() > WireEnvelope.MAX_RECIPIENTS) {
        throw new IllegalStateException("an envelope needs 1 to " + WireEnvelope.MAX_RECIPIENTS + " recipients");
      }
      if (resourceCode == null || contentType == null) {
        throw new IllegalStateException("resourceCode and contentType are required");
      }
      WireEnvelope.checkText(resourceCode, "resourceCode");
      WireEnvelope.checkText(contentType, "contentType");
      if (grantId != null) {
        WireEnvelope.checkText(grantId, "grantId");
      }
      if (caseId != null) {
        WireEnvelope.checkText(caseId, "caseId");
      }
      return new EnvelopeContent(this);
    }
  }
}
