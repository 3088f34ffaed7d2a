package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.SubjectPseudonym;
import dev.shuqiao.crypto.EnvelopeException;
import dev.shuqiao.crypto.SealedEnvelope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exchange sealed but not yet sent: the first half of {@link ShuqiaoClient#exchange}, for callers
 * that must remember exactly what they send before sending it. Keep {@link #toBytes()} durably, then
 * {@link ShuqiaoClient#send(PreparedExchange)}; after a crash, {@link #fromBytes(byte[])} rebuilds it
 * and sending it again resends the identical sealed query under the same message id, which the hub
 * answers from its store (docs/exchange.md §6) instead of asking the provider twice. The client's
 * audit log gets one {@code exchange.request} per message id: a resend records none when the log
 * already holds it ({@link dev.shuqiao.audit.AuditRecorder#contains}).
 *
 * <pre>{@code
 * PreparedExchange prepared = client.prepareExchange(request);
 * journal.write(prepared.messageId(), prepared.toBytes());   // durable before anything is sent
 * ExchangeResponse response = client.send(prepared);
 * // after a restart:
 * ExchangeResponse response = client.send(PreparedExchange.fromBytes(journal.read(messageId)));
 * }</pre>
 *
 * <p>{@link #toBytes()} (format 1) is UTF-8 JSON: {@code v} (1), {@code provider} (credit code),
 * {@code resourceCode}, {@code items}, {@code purpose}, {@code caseId} and {@code grantId} (or null),
 * {@code timeoutMs}, {@code subject} (the audit pseudonym in hex, or null — never the clear subject)
 * and {@code query} (base64url of the binary query envelope, whose message id is the exchange's).
 * The parameters and the subject exist only inside the sealed query.
 */
public final class PreparedExchange {

  private static final int FORMAT = 1;

  private final ExchangeRequest request;
  private final String providerCode;
  private final UUID messageId;
  private final byte[] query;
  private final SubjectPseudonym subject;
  /** Rebuilt by {@link #fromBytes}: this process cannot know whether its request was recorded before. */
  private final boolean restored;
  /** Set once the consumer's audit log holds this exchange's request. */
  private final AtomicBoolean requestRecorded = new AtomicBoolean();

  PreparedExchange(ExchangeRequest request, String providerCode, UUID messageId, byte[] query,
      SubjectPseudonym subject) {
    this(request, providerCode, messageId, query, subject, false);
  }

  private PreparedExchange(ExchangeRequest request, String providerCode, UUID messageId, byte[] query,
      SubjectPseudonym subject, boolean restored) {
    this.request = request;
    this.providerCode = providerCode;
    this.messageId = messageId;
    this.query = query.clone();
    this.subject = subject;
    this.restored = restored;
  }

  /** The exchange's message id, as every audit log records it. */
  public UUID messageId() {
    return messageId;
  }

  /** The provider's credit code the query is sealed for. */
  public String providerCode() {
    return providerCode;
  }

  public String resourceCode() {
    return request.resourceCode();
  }

  /** The binary query envelope, exactly as it is sent (a copy). */
  public byte[] sealedQuery() {
    return query.clone();
  }

  /** The request as sent; its parameters and subject are not kept (they are inside the sealed query). */
  ExchangeRequest request() {
    return request;
  }

  Optional<SubjectPseudonym> subject() {
    return Optional.ofNullable(subject);
  }

  boolean restored() {
    return restored;
  }

  boolean requestRecorded() {
    return requestRecorded.get();
  }

  void markRequestRecorded() {
    requestRecorded.set(true);
  }

  /** Everything needed to send this exchange again, identically (format above). */
  public byte[] toBytes() {
    ObjectNode json = Codec.JSON.createObjectNode().put("v", FORMAT).put("provider", providerCode)
        .put("resourceCode", request.resourceCode());
    request.items().forEach(json.putArray("items")::add);
    json.put("purpose", request.purpose()).put("caseId", request.caseId().orElse(null))
        .put("grantId", request.grantId().orElse(null)).put("timeoutMs", request.timeout().toMillis())
        .put("subject", subject == null ? null : subject.hex())
        .put("query", Base64.getUrlEncoder().withoutPadding().encodeToString(query));
    return Codec.bytes(json);
  }

  /**
   * Rebuilds a prepared exchange from {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if the bytes are not that format, or the envelope's clear header
   *     disagrees with the fields beside it
   */
  public static PreparedExchange fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    JsonNode json;
    try {
      json = Codec.JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a prepared exchange: not JSON", e);
    }
    if (json == null || json.path("v").asInt() != FORMAT || !json.path("query").isTextual()
        || !json.path("provider").isTextual() || !json.path("items").isArray()) {
      throw new IllegalArgumentException("not a prepared exchange of format " + FORMAT);
    }
    byte[] query;
    SealedEnvelope envelope;
    try {
      query = Base64.getUrlDecoder().decode(json.get("query").asText());
      envelope = SealedEnvelope.fromBinary(query);
    } catch (IllegalArgumentException | EnvelopeException e) {
      throw new IllegalArgumentException("not a prepared exchange: the query is not an envelope", e);
    }
    List<String> items = new ArrayList<>();
    json.get("items").forEach(i -> items.add(i.asText()));
    ExchangeRequest.Builder request = ExchangeRequest.builder().resourceCode(json.path("resourceCode").asText())
        .items(items).purpose(json.path("purpose").asText())
        .timeout(Duration.ofMillis(json.path("timeoutMs").asLong()));
    if (json.hasNonNull("caseId")) {
      request.caseId(json.get("caseId").asText());
    }
    if (json.hasNonNull("grantId")) {
      request.grantId(json.get("grantId").asText());
    }
    ExchangeRequest rebuilt = request.build();
    if (!envelope.resourceCode().equals(rebuilt.resourceCode()) || !envelope.caseId().equals(rebuilt.caseId())
        || !envelope.grantId().equals(rebuilt.grantId())) {
      throw new IllegalArgumentException("not a prepared exchange: the envelope's header disagrees with its fields");
    }
    SubjectPseudonym subject = json.hasNonNull("subject") ? SubjectPseudonym.fromHex(json.get("subject").asText()) : null;
    return new PreparedExchange(rebuilt, json.get("provider").asText(), envelope.messageId(), query, subject, true);
  }

  @Override
  public String toString() {
    return "PreparedExchange[" + messageId + ", " + request.resourceCode() + " from " + providerCode + "]";
  }
}
