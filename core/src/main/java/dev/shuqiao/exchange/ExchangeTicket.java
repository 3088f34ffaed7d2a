package dev.shuqiao.exchange;

import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeException;
import dev.shuqiao.crypto.InvalidSignatureException;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.TrustStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The hub's authorization of one exchange (docs/exchange.md §3): which consumer may obtain which
 * items of which provider's resource, under which grant, for what purpose and case, for the query
 * envelope with this digest, until when. The hub signs it with its exchange identity; a provider
 * accepts it only with a signature by a hub certificate it pinned.
 *
 * <pre>{@code
 * // hub
 * String ticket = ExchangeTicket.builder().hub(hubCode).messageId(id).consumer(consumer).provider(provider)
 *     .resourceCode(code).items(items).grantId(grantId).purpose(purpose).caseId(caseId)
 *     .requestDigest(ExchangeTicket.digestOf(hubIdentity.keyAlgorithm(), envelopeBytes))
 *     .issuedAt(now).expiresAt(now.plusSeconds(60)).build()
 *     .sign(hubIdentity);
 * // provider
 * ExchangeTicket verified = ExchangeTicket.verify(ticket, pinnedHubCertificates, cityTrust, clock.instant());
 * if (!verified.matchesRequest(envelopeBytes)) { ... refuse: ticket-mismatch ... }
 * }</pre>
 *
 * <p>Immutable. {@link #verify} checks the format, the signature and the validity period; the binding
 * to the provider and to the envelope (provider code, digest, envelope header fields) is the
 * provider's to check with the accessors and {@link #matchesRequest}.
 */
public final class ExchangeTicket {

  /** Clock skew a verifier tolerates on {@code issuedAt}. */
  public static final Duration ALLOWED_SKEW = Duration.ofSeconds(30);
  /** The longest lifetime a ticket may have. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

  private final String hub;
  private final UUID messageId;
  private final String consumer;
  private final String provider;
  private final String resourceCode;
  private final List<String> items;
  private final Optional<String> grantId;
  private final String purpose;
  private final Optional<String> caseId;
  private final String requestDigest;
  private final Instant issuedAt;
  private final Instant expiresAt;

  private ExchangeTicket(Builder b) {
    this.hub = TicketCodec.requireText("hub", b.hub, 64);
    this.messageId = Objects.requireNonNull(b.messageId, "messageId");
    this.consumer = TicketCodec.requireText("consumer", b.consumer, 64);
    this.provider = TicketCodec.requireText("provider", b.provider, 64);
    this.resourceCode = TicketCodec.requireText("resourceCode", b.resourceCode, 64);
    this.items = TicketCodec.requireItems(b.items);
    this.grantId = Optional.ofNullable(b.grantId).map(g -> TicketCodec.requireText("grantId", g, 256));
    this.purpose = TicketCodec.requireText("purpose", b.purpose, 2000);
    this.caseId = Optional.ofNullable(b.caseId).map(c -> TicketCodec.requireText("caseId", c, 256));
    this.requestDigest = TicketCodec.requireDigest(b.requestDigest);
    this.issuedAt = Objects.requireNonNull(b.issuedAt, "issuedAt");
    this.expiresAt = Objects.requireNonNull(b.expiresAt, "expiresAt");
    Duration lifetime = Duration.between(issuedAt, expiresAt);
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("a ticket expires after it is issued and within " + MAX_LIFETIME);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The request digest of docs/exchange.md §3 for the exact query envelope bytes: {@code sm3:} and
   * SM3 when the hub's key is SM2, {@code sha-256:} and SHA-256 otherwise, base64url without padding.
   */
  public static String digestOf(KeyAlgorithm hubKeyAlgorithm, byte[] queryEnvelope) {
    Objects.requireNonNull(hubKeyAlgorithm, "hubKeyAlgorithm");
    DigestAlgorithm algorithm = hubKeyAlgorithm == KeyAlgorithm.SM2 ? DigestAlgorithm.SM3 : DigestAlgorithm.SHA_256;
    return algorithm.prefix() + TicketCodec.base64url(algorithm.digest(Objects.requireNonNull(queryEnvelope, "queryEnvelope")));
  }

  /** Whether {@code queryEnvelope} is exactly the envelope this ticket authorizes (constant-time comparison). */
  public boolean matchesRequest(byte[] queryEnvelope) {
    Objects.requireNonNull(queryEnvelope, "queryEnvelope");
    DigestAlgorithm algorithm = DigestAlgorithm.of(requestDigest);
    byte[] expected = TicketCodec.base64urlDecode(requestDigest.substring(algorithm.prefix().length()));
    return MessageDigest.isEqual(expected, algorithm.digest(queryEnvelope));
  }

  /**
   * Signs this ticket with the hub's exchange identity, whose credit code must be {@link #hub()}.
   *
   * @return {@code base64url(P) "." base64url(S)}
   */
  public String sign(DepartmentIdentity hubIdentity) {
    Objects.requireNonNull(hubIdentity, "hubIdentity");
    if (!hubIdentity.department().creditCode().toString().equals(hub)) {
      throw new IllegalArgumentException("the ticket names hub " + hub + " but is signed by " + hubIdentity.department());
    }
    byte[] payload = TicketCodec.encode(this);
    byte[] signature = hubIdentity.sign(TicketCodec.signedBytes(payload));
    return TicketCodec.base64url(payload) + "." + TicketCodec.base64url(signature);
  }

  /**
   * Verifies a ticket: its format, a signature by one of {@code pinnedHubCertificates} (each used only
   * while {@code trust} validates it at {@code now}, and only if it names the ticket's {@code hub}),
   * and that it is valid at {@code now} ({@code now < expiresAt}, {@code issuedAt ≤ now + 30 s}).
   *
   * @throws TicketException with problem type {@code ticket-malformed}, {@code ticket-signature} or
   *     {@code ticket-expired}
   */
  public static ExchangeTicket verify(String ticket, Collection<X509Certificate> pinnedHubCertificates, TrustStore trust,
      Instant now) {
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(now, "now");
    if (Objects.requireNonNull(pinnedHubCertificates, "pinnedHubCertificates").isEmpty()) {
      throw new IllegalArgumentException("no pinned hub certificate");
    }
    TicketCodec.Parts parts = TicketCodec.split(ticket);
    ExchangeTicket parsed = TicketCodec.decode(parts.payload());
    byte[] signed = TicketCodec.signedBytes(parts.payload());
    boolean verified = false;
    for (X509Certificate pinned : pinnedHubCertificates) {
      if (verifiedBy(pinned, parsed.hub, parts.signature(), signed, trust, now)) {
        verified = true;
        break;
      }
    }
    if (!verified) {
      throw new TicketException(TicketException.SIGNATURE, "the ticket is not signed by a pinned, valid hub certificate");
    }
    if (!now.isBefore(parsed.expiresAt)) {
      throw new TicketException(TicketException.EXPIRED, "the ticket expired at " + parsed.expiresAt);
    }
    if (parsed.issuedAt.isAfter(now.plus(ALLOWED_SKEW))) {
      throw new TicketException(TicketException.EXPIRED, "the ticket is issued in the future (" + parsed.issuedAt + ")");
    }
    return parsed;
  }

  private static boolean verifiedBy(X509Certificate pinned, String hub, byte[] signature, byte[] signed, TrustStore trust,
      Instant now) {
    Department department;
    try {
      department = trust.validate(pinned, now);
    } catch (EnvelopeException e) {
      return false;
    }
    if (!department.creditCode().toString().equals(hub)) {
      return false;
    }
    try {
      department.verify(signature, signed);
      return true;
    } catch (InvalidSignatureException e) {
      return false;
    }
  }

  /** Parses a ticket without checking its signature or period: for display only, it proves nothing. */
  public static ExchangeTicket parseUnverified(String ticket) {
    return TicketCodec.decode(TicketCodec.split(ticket).payload());
  }

  /** The credit code of the hub's exchange identity. */
  public String hub() {
    return hub;
  }

  public UUID messageId() {
    return messageId;
  }

  /** The consumer's credit code: the department the hub authenticated. */
  public String consumer() {
    return consumer;
  }

  public String provider() {
    return provider;
  }

  public String resourceCode() {
    return resourceCode;
  }

  /** The authorized items, in request order; the provider delivers these and no others. */
  public List<String> items() {
    return items;
  }

  public Optional<String> grantId() {
    return grantId;
  }

  public String purpose() {
    return purpose;
  }

  public Optional<String> caseId() {
    return caseId;
  }

  /** {@code sm3:…} or {@code sha-256:…}, see {@link #digestOf}. */
  public String requestDigest() {
    return requestDigest;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExchangeTicket t && Objects.equals(TicketCodec.encodeText(this), TicketCodec.encodeText(t));
  }

  @Override
  public int hashCode() {
    return TicketCodec.encodeText(this).hashCode();
  }

  @Override
  public String toString() {
    return "ExchangeTicket[" + messageId + ", " + consumer + " → " + provider + ", " + resourceCode + "]";
  }

  /** Builds a ticket; {@link #build()} checks every field. */
  public static final class Builder {
    private String hub;
    private UUID messageId;
    private String consumer;
    private String provider;
    private String resourceCode;
    private List<String> items;
    private String grantId;
    private String purpose;
    private String caseId;
    private String requestDigest;
    private Instant issuedAt;
    private Instant expiresAt;

    private Builder() {}

    public Builder hub(String hub) {
      this.hub = hub;
      return this;
    }

    public Builder messageId(UUID messageId) {
      this.messageId = messageId;
      return this;
    }

    public Builder consumer(String consumer) {
      this.consumer = consumer;
      return this;
    }

    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    public Builder resourceCode(String resourceCode) {
      this.resourceCode = resourceCode;
      return this;
    }

    public Builder items(List<String> items) {
      this.items = items == null ? null : new ArrayList<>(items);
      return this;
    }

    /** The grant; {@code null} for an unconditional resource exchanged without one. */
    public Builder grantId(String grantId) {
      this.grantId = grantId;
      return this;
    }

    public Builder purpose(String purpose) {
      this.purpose = purpose;
      return this;
    }

    /** The case; {@code null} when there is none. */
    public Builder caseId(String caseId) {
      this.caseId = caseId;
      return this;
    }

    public Builder requestDigest(String requestDigest) {
      this.requestDigest = requestDigest;
      return this;
    }

    public Builder issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first invalid field
     * @throws NullPointerException for a missing message id or time
     */
    public ExchangeTicket build() {
      return new ExchangeTicket(this);
    }
  }

  /** The two digests a request digest may name. */
  enum DigestAlgorithm {
    SM3("sm3:"),
    SHA_256("sha-256:");

    private final String prefix;

    DigestAlgorithm(String prefix) {
      this.prefix = prefix;
    }

    String prefix() {
      return prefix;
    }

    static DigestAlgorithm of(String digest) {
      for (DigestAlgorithm a : values()) {
        if (digest.startsWith(a.prefix)) {
          return a;
        }
      }
      throw new IllegalArgumentException("requestDigest must start with sm3: or sha-256:");
    }

    byte[] digest(byte[] data) {
      if (this == SM3) {
        org.bouncycastle.crypto.digests.SM3Digest sm3 = new org.bouncycastle.crypto.digests.SM3Digest();
        sm3.update(data, 0, data.length);
        byte[] out = new byte[32];
        sm3.doFinal(out, 0);
        return out;
      }
      try {
        return MessageDigest.getInstance("SHA-256").digest(data);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 unavailable", e);
      }
    }
  }

  /** For {@link TicketCodec}: the fields in their wire names. */
  String grantIdOrNull() {
    return grantId.orElse(null);
  }

  String caseIdOrNull() {
    return caseId.orElse(null);
  }
}
