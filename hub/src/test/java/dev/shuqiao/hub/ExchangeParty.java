package dev.shuqiao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.client.RawRequests;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.ReplayGuard;
import dev.shuqiao.crypto.SealedEnvelope;
import dev.shuqiao.crypto.TrustStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** A consumer in the exchange tests: seals real query envelopes and sends them through the raw signed-request helper. */
final class ExchangeParty {

  static final String QUERY_TYPE = "application/vnd.shuqiao.query+json";
  static final ObjectMapper JSON = new ObjectMapper();

  final DepartmentIdentity identity;
  final RawRequests raw;
  private final EnvelopeSealer sealer;
  private final EnvelopeOpener opener;

  private final URI hub;
  private final java.time.Clock clock;

  ExchangeParty(DepartmentIdentity identity, URI hub, TrustStore trust) {
    this(identity, hub, trust, java.time.Clock.systemUTC());
  }

  /** Signs requests and seals queries at {@code clock}'s time (a hub's settable clock, say). */
  ExchangeParty(DepartmentIdentity identity, URI hub, TrustStore trust, java.time.Clock clock) {
    this.identity = identity;
    this.hub = hub;
    this.clock = clock;
    this.raw = new RawRequests(hub, identity, clock);
    this.sealer = EnvelopeSealer.builder().identity(identity).clock(clock).build();
    this.opener = EnvelopeOpener.builder().addIdentity(identity).trustStore(trust)
        .replayGuard(ReplayGuard.builder().window(Duration.ofMinutes(5)).build()).build();
  }

  /** The ordinary client of this department (grants and the like). */
  dev.shuqiao.client.ShuqiaoClient client() {
    return dev.shuqiao.client.ShuqiaoClient.builder().endpoint(hub.toString()).credential(identity)
        .retryOptions(dev.shuqiao.client.RetryOptions.none()).build();
  }

  /** One exchange request: its body members and the sealed query. */
  static final class Query {
    String resourceCode;
    List<String> items = List.of("证明编号");
    String purpose = "出生一件事：户籍登记";
    String caseId = "BIRTH-450200-000017";
    String grantId;
    /** When set, the envelope says it was created then (an old query kept and sent late). */
    java.time.Instant createdAt;
    X509Certificate recipient;
    String certificateNumber = "Q4502-XYZZY-0042";
    String contentType = QUERY_TYPE;
    SealedEnvelope envelope;

    UUID messageId() {
      return envelope.messageId();
    }
  }

  Query query(String resourceCode, X509Certificate provider, Consumer<Query> adjust) {
    Query q = new Query();
    q.resourceCode = resourceCode;
    q.recipient = provider;
    adjust.accept(q);
    ObjectNode payload = JSON.createObjectNode();
    payload.putObject("parameters").put("证明编号", q.certificateNumber);
    payload.put("subject", "450202201501010012");
    q.items.forEach(payload.putArray("items")::add);
    payload.put("purpose", q.purpose);
    EnvelopeContent.Builder content = EnvelopeContent.builder().addRecipient(q.recipient).resourceCode(q.resourceCode)
        .contentType(q.contentType).payload(payload.toString().getBytes(StandardCharsets.UTF_8));
    if (q.grantId != null) {
      content.grantId(q.grantId);
    }
    if (q.caseId != null) {
      content.caseId(q.caseId);
    }
    q.envelope = (q.createdAt == null ? sealer : EnvelopeSealer.builder().identity(identity)
        .clock(java.time.Clock.fixed(q.createdAt, java.time.ZoneOffset.UTC)).build()).seal(content.build());
    return q;
  }

  static ObjectNode body(Query q) {
    return body(q, q.envelope.toBinary());
  }

  static ObjectNode body(Query q, byte[] envelope) {
    ObjectNode body = JSON.createObjectNode();
    body.put("messageId", q.messageId().toString());
    body.put("resourceCode", q.resourceCode);
    q.items.forEach(body.putArray("items")::add);
    body.put("purpose", q.purpose);
    body.put("caseId", q.caseId);
    body.put("grantId", q.grantId);
    body.put("request", Base64.getUrlEncoder().withoutPadding().encodeToString(envelope));
    return body;
  }

  RawRequests.Answer send(Query q) {
    return send(body(q));
  }

  RawRequests.Answer send(JsonNode body) {
    return send(body.toString().getBytes(StandardCharsets.UTF_8));
  }

  RawRequests.Answer send(byte[] body) {
    return raw.send("POST", "v1/exchanges", body, Map.of());
  }

  /** Opens a 200 answer's response envelope: the records as the consumer sees them. */
  JsonNode open(RawRequests.Answer answer) {
    try {
      byte[] response = Base64.getUrlDecoder().decode(JSON.readTree(answer.body()).path("response").asText());
      return JSON.readTree(opener.open(response).payload());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(RawRequests.Answer answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problem type slug of an answer. */
  static String type(RawRequests.Answer answer) {
    String type = json(answer).path("type").asText();
    return type.substring(type.lastIndexOf('/') + 1);
  }
}
