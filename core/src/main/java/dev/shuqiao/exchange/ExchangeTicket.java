package dev.shuqiao.exchange;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.TrustStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * STAND-IN written by the provider helper (E2) from docs/exchange.md §3 and the API in the shared
 * notes, so the provider compiles and is tested before the lead's class lands on main; removed in
 * favour of the lead's version when main is merged.
 */
public final class ExchangeTicket {

  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final byte[] PREFIX = "shuqiao exchange ticket v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final Set<String> MEMBERS = Set.of("v", "hub", "messageId", "consumer", "provider", "resource", "items",
      "grantId", "purpose", "caseId", "requestDigest", "issuedAt", "expiresAt");
  private static final Duration SKEW = Duration.ofSeconds(30);

  private final String hub;
  private final UUID messageId;
  private final String consumer;
  private final String provider;
  private final String resourceCode;
  private final List<String> items;
  private final String grantId;
  private final String purpose;
  private final String caseId;
  private final String requestDigest;
  private final Instant issuedAt;
  private final Instant expiresAt;

  private ExchangeTicket(Builder b) {
    hub = b.hub;
    messageId = b.messageId;
    consumer = b.consumer;
    provider = b.provider;
    resourceCode = b.resourceCode;
    items = List.copyOf(b.items);
    grantId = b.grantId;
    purpose = b.purpose;
    caseId = b.caseId;
    requestDigest = b.requestDigest;
    issuedAt = b.issuedAt;
    expiresAt = b.expiresAt;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static String digestOf(KeyAlgorithm hubKeyAlgorithm, byte[] queryEnvelope) {
    return hubKeyAlgorithm == KeyAlgorithm.SM2 ? "sm3:" + b64(sm3(queryEnvelope)) : "sha-256:" + b64(sha256(queryEnvelope));
  }

  public boolean matchesRequest(byte[] queryEnvelope) {
    String expected = requestDigest.startsWith("sm3:") ? digestOf(KeyAlgorithm.SM2, queryEnvelope)
        : digestOf(KeyAlgorithm.ED25519, queryEnvelope);
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        requestDigest.getBytes(StandardCharsets.US_ASCII));
  }

  public String sign(DepartmentIdentity hubIdentity) {
    byte[] payload = payload();
    return b64(payload) + "." + b64(hubIdentity.sign(signed(payload)));
  }

  public static ExchangeTicket verify(String ticket, Collection<X509Certificate> pinnedHubCertificates, TrustStore trust,
      Instant now) {
    Objects.requireNonNull(ticket, "ticket");
    int dot = ticket.indexOf('.');
    if (dot < 0 || ticket.indexOf('.', dot + 1) >= 0) {
      throw new TicketException("ticket-malformed", "a ticket has two base64url parts separated by one dot");
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(ticket.substring(0, dot));
      signature = Base64.getUrlDecoder().decode(ticket.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new TicketException("ticket-malformed", "a ticket part is not base64url");
    }
    ExchangeTicket parsed = parse(payload);
    boolean verified = false;
    for (X509Certificate pinned : pinnedHubCertificates) {
      try {
        Department hub = trust.validate(pinned, now);
        hub.verify(signature, signed(payload));
        verified = true;
        break;
      } catch (RuntimeException e) {
        // try the next pinned certificate
      }
    }
    if (!verified) {
      throw new TicketException("ticket-signature", "the ticket signature does not verify with a pinned hub certificate");
    }
    if (!now.isBefore(parsed.expiresAt) || parsed.issuedAt.isAfter(now.plus(SKEW))) {
      throw new TicketException("ticket-expired", "the ticket is expired or not yet valid");
    }
    return parsed;
  }

  public static ExchangeTicket parseUnverified(String ticket) {
    int dot = ticket.indexOf('.');
    try {
      return parse(Base64.getUrlDecoder().decode(dot < 0 ? ticket : ticket.substring(0, dot)));
    } catch (IllegalArgumentException e) {
      throw new TicketException("ticket-malformed", "the ticket payload is not base64url");
    }
  }

  private static ExchangeTicket parse(byte[] payload) {
    try {
      JsonNode node = JSON.readTree(payload);
      if (!(node instanceof ObjectNode object) || object.size() != MEMBERS.size()
          || !MEMBERS.stream().allMatch(object::has) || object.get("v").asInt() != 1 || !object.get("v").isInt()) {
        throw new TicketException("ticket-malformed", "the ticket payload does not have exactly the members of version 1");
      }
      List<String> items = new ArrayList<>();
      object.get("items").forEach(item -> items.add(text(item)));
      return builder().hub(text(object.get("hub"))).messageId(UUID.fromString(text(object.get("messageId"))))
          .consumer(text(object.get("consumer"))).provider(text(object.get("provider")))
          .resourceCode(text(object.get("resource"))).items(items).grantId(nullable(object.get("grantId")))
          .purpose(text(object.get("purpose"))).caseId(nullable(object.get("caseId")))
          .requestDigest(text(object.get("requestDigest")))
          .issuedAt(Instant.ofEpochMilli(object.get("issuedAt").longValue()))
          .expiresAt(Instant.ofEpochMilli(object.get("expiresAt").longValue())).build();
    } catch (TicketException e) {
      throw e;
    } catch (Exception e) {
      throw new TicketException("ticket-malformed", "the ticket payload does not parse");
    }
  }

  private static String text(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("not a string");
    }
    return node.textValue();
  }

  private static String nullable(JsonNode node) {
    return node.isNull() ? null : text(node);
  }

  private byte[] payload() {
    ObjectNode object = JSON.createObjectNode().put("v", 1).put("hub", hub).put("messageId", messageId.toString())
        .put("consumer", consumer).put("provider", provider).put("resource", resourceCode);
    ArrayNode array = object.putArray("items");
    items.forEach(array::add);
    object.put("grantId", grantId).put("purpose", purpose).put("caseId", caseId).put("requestDigest", requestDigest)
        .put("issuedAt", issuedAt.toEpochMilli()).put("expiresAt", expiresAt.toEpochMilli());
    try {
      return JSON.writeValueAsBytes(object);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] signed(byte[] payload) {
    byte[] out = new byte[PREFIX.length + payload.length];
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    System.arraycopy(payload, 0, out, PREFIX.length, payload.length);
    return out;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sm3(byte[] data) {
    SM3Digest digest = new SM3Digest();
    digest.update(data, 0, data.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String hub() { return hub; }
  public UUID messageId() { return messageId; }
  public String consumer() { return consumer; }
  public String provider() { return provider; }
  public String resourceCode() { return resourceCode; }
  public List<String> items() { return items; }
  public Optional<String> grantId() { return Optional.ofNullable(grantId); }
  public String purpose() { return purpose; }
  public Optional<String> caseId() { return Optional.ofNullable(caseId); }
  public String requestDigest() { return requestDigest; }
  public Instant issuedAt() { return issuedAt; }
  public Instant expiresAt() { return expiresAt; }

  /** Builds a ticket. */
  public static final class Builder {
    private String hub;
    private UUID messageId;
    private String consumer;
    private String provider;
    private String resourceCode;
    private List<String> items = List.of();
    private String grantId;
    private String purpose;
    private String caseId;
    private String requestDigest;
    private Instant issuedAt;
    private Instant expiresAt;

    private Builder() {}

    public Builder hub(String hub) { this.hub = hub; return this; }
    public Builder messageId(UUID messageId) { this.messageId = messageId; return this; }
    public Builder consumer(String consumer) { this.consumer = consumer; return this; }
    public Builder provider(String provider) { this.provider = provider; return this; }
    public Builder resourceCode(String resourceCode) { this.resourceCode = resourceCode; return this; }
    public Builder items(List<String> items) { this.items = List.copyOf(items); return this; }
    public Builder grantId(String grantId) { this.grantId = grantId; return this; }
    public Builder purpose(String purpose) { this.purpose = purpose; return this; }
    public Builder caseId(String caseId) { this.caseId = caseId; return this; }
    public Builder requestDigest(String requestDigest) { this.requestDigest = requestDigest; return this; }
    public Builder issuedAt(Instant issuedAt) { this.issuedAt = issuedAt; return this; }
    public Builder expiresAt(Instant expiresAt) { this.expiresAt = expiresAt; return this; }

    public ExchangeTicket build() {
      if (hub == null || messageId == null || consumer == null || provider == null || resourceCode == null
          || items.isEmpty() || purpose == null || requestDigest == null || issuedAt == null || expiresAt == null) {
        throw new IllegalStateException("a ticket needs every member but grantId and caseId");
      }
      return new ExchangeTicket(this);
    }
  }
}
