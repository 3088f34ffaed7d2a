package dev.shuqiao.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.AuditRecorder;
import dev.shuqiao.audit.SubjectPseudonym;
import dev.shuqiao.audit.SubjectPseudonymizer;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeException;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.OpenedEnvelope;
import dev.shuqiao.crypto.SealedEnvelope;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.exchange.ExchangeTicket;
import dev.shuqiao.exchange.TicketException;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The consumer's side of one exchange (docs/exchange.md §2, §7, §8): find the provider, seal the
 * query for it, post it to the hub (retries resend the same bytes), open and check the answer, and
 * audit each step. Fails closed: an answer that does not verify is never returned.
 */
final class ConsumerExchange {

  static final String QUERY_TYPE = "application/vnd.shuqiao.query+json";
  static final String RESULT_TYPE = "application/vnd.shuqiao.result+json";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

  /** What the client was built with for exchanges. */
  record Settings(DepartmentIdentity identity, TrustStore trust, List<X509Certificate> hubCertificates,
      AuditRecorder audit, SubjectPseudonymizer pseudonymizer, String system, Clock clock) {}

  private final Transport transport;
  private final ProviderDirectory directory;
  private final Settings settings;
  private final String self;
  private final EnvelopeSealer sealer;
  private final EnvelopeOpener opener;

  ConsumerExchange(Transport transport, ProviderDirectory directory, Settings settings, EnvelopeOpener opener) {
    this.transport = transport;
    this.directory = directory;
    this.settings = settings;
    this.self = settings.identity().department().creditCode().toString();
    this.sealer = EnvelopeSealer.builder().identity(settings.identity()).clock(settings.clock()).build();
    this.opener = opener;
  }

  ExchangeResponse run(ExchangeRequest request) {
    // The deadline is real time, whatever clock signatures and audit records are dated with.
    Instant deadline = Instant.now().plus(request.timeout());
    return send(prepare(request), deadline);
  }

  /** Seals the query for the provider; nothing is sent or audited yet. */
  PreparedExchange prepare(ExchangeRequest request) {
    ProviderDirectory.Provider provider = directory.provider(request.resourceCode());
    SealedEnvelope query = seal(request, provider);
    SubjectPseudonym subject = settings.pseudonymizer() == null ? null
        : request.subject().map(s -> settings.pseudonymizer().pseudonymize(s)).orElse(null);
    return new PreparedExchange(request, provider.code(), query.messageId(), query.toBinary(), subject);
  }

  /** Sends within the request's timeout from now. */
  ExchangeResponse send(PreparedExchange prepared) {
    return send(prepared, Instant.now().plus(prepared.request().timeout()));
  }

  private ExchangeResponse send(PreparedExchange prepared, Instant deadline) {
    ExchangeRequest request = prepared.request();
    UUID messageId = prepared.messageId();
    byte[] queryBytes = prepared.sealedQuery();
    Optional<SubjectPseudonym> subject = prepared.subject();
    if (!requestRecorded(prepared)) {
      audit(request, messageId, subject, AuditAction.EXCHANGE_REQUEST, AuditOutcome.SUCCESS);
    }
    prepared.markRequestRecorded();
    ExchangeResponse response;
    try {
      byte[] answer = transport.exchange(List.of("v1", "exchanges"), body(request, messageId, queryBytes), deadline,
          messageId);
      response = check(request, prepared.providerCode(), messageId, answer);
    } catch (ExchangeRefusedException e) {
      audit(request, messageId, subject, AuditAction.EXCHANGE_REFUSE, AuditOutcome.DENIED);
      throw e;
    } catch (ShuqiaoException e) {
      if (e.type().equals("envelope-mismatch")) {
        directory.forget(request.resourceCode()); // perhaps a certificate changed since it was cached
      }
      audit(request, messageId, subject, AuditAction.EXCHANGE_REFUSE, AuditOutcome.FAILED);
      throw e;
    } catch (RuntimeException e) {
      audit(request, messageId, subject, AuditAction.EXCHANGE_REFUSE, AuditOutcome.FAILED);
      throw e;
    }
    audit(request, messageId, subject, AuditAction.EXCHANGE_DELIVER, AuditOutcome.SUCCESS);
    return response;
  }

  /**
   * Whether the request of this exchange is already in the audit log: sent before by this process,
   * or — rebuilt from its bytes after a restart — found in the log under its message id. The log is
   * asked only then, since a fresh message id cannot be in it. One request record per message id,
   * however often its identical bytes are sent.
   */
  private boolean requestRecorded(PreparedExchange prepared) {
    if (prepared.requestRecorded()) {
      return true;
    }
    if (!prepared.restored() || settings.audit() == null) {
      return false;
    }
    try {
      return settings.audit().contains(prepared.messageId().toString(), AuditAction.EXCHANGE_REQUEST);
    } catch (RuntimeException e) {
      return false; // cannot tell: record it (again) rather than risk an unaudited request
    }
  }

  private SealedEnvelope seal(ExchangeRequest request, ProviderDirectory.Provider provider) {
    ObjectNode payload = Codec.JSON.createObjectNode();
    ObjectNode parameters = payload.putObject("parameters");
    request.parameters().forEach(parameters::put);
    request.subject().ifPresent(s -> payload.put("subject", s));
    // Signed by the consumer with the envelope, so the provider holds the hub's ticket to them (§2).
    request.items().forEach(payload.putArray("items")::add);
    payload.put("purpose", request.purpose());
    EnvelopeContent.Builder content = EnvelopeContent.builder().addRecipient(provider.certificate())
        .resourceCode(request.resourceCode()).contentType(QUERY_TYPE).payload(Codec.bytes(payload));
    request.grantId().ifPresent(content::grantId);
    request.caseId().ifPresent(content::caseId);
    try {
      return sealer.seal(content.build());
    } catch (IllegalArgumentException e) {
      // The one way a valid request fails to seal: the provider's key is of the other suite.
      throw new ExchangeProtocolException("cannot seal for provider " + provider.code() + ": " + e.getMessage(),
          "suite-mismatch", null, e);
    }
  }

  private static byte[] body(ExchangeRequest request, UUID messageId, byte[] query) {
    ObjectNode body = Codec.JSON.createObjectNode().put("messageId", messageId.toString())
        .put("resourceCode", request.resourceCode());
    request.items().forEach(body.putArray("items")::add);
    body.put("purpose", request.purpose());
    request.caseId().ifPresent(c -> body.put("caseId", c));
    request.grantId().ifPresent(g -> body.put("grantId", g));
    body.put("request", B64.encodeToString(query));
    return Codec.bytes(body);
  }

  /** §2 "The answer" and §7: everything is checked before anything is returned. */
  private ExchangeResponse check(ExchangeRequest request, String providerCode, UUID messageId, byte[] answer) {
    JsonNode json;
    try {
      json = Codec.JSON.readTree(answer);
    } catch (IOException e) {
      throw protocol("the hub's answer is not JSON", "answer-malformed", messageId, e);
    }
    if (json == null || !json.isObject() || !messageId.toString().equals(json.path("messageId").asText())
        || !"DELIVERED".equals(json.path("status").asText()) || !json.path("ticket").isTextual()
        || !json.path("response").isTextual()) {
      throw protocol("the hub's answer is not a delivery of message " + messageId, "answer-malformed", messageId, null);
    }
    ExchangeTicket ticket = ticket(json.get("ticket").asText(), messageId);
    List<String> problems = new ArrayList<>();
    if (!ticket.messageId().equals(messageId)) {
      problems.add("message id");
    }
    if (!ticket.consumer().equals(self)) {
      problems.add("consumer");
    }
    if (!ticket.provider().equals(providerCode)) {
      problems.add("provider");
    }
    if (!ticket.resourceCode().equals(request.resourceCode())) {
      problems.add("resource");
    }
    if (!ticket.items().equals(request.items())) {
      problems.add("items");
    }
    if (!ticket.grantId().equals(request.grantId()) || !ticket.caseId().equals(request.caseId())) {
      problems.add("grant or case");
    }
    if (!problems.isEmpty()) {
      throw protocol("the ticket does not match this exchange: " + String.join(", ", problems), "ticket-mismatch",
          messageId, null);
    }
    byte[] responseBytes;
    try {
      responseBytes = B64_DECODE.decode(json.get("response").asText());
    } catch (IllegalArgumentException e) {
      throw protocol("the response is not base64url", "answer-malformed", messageId, e);
    }
    OpenedEnvelope opened;
    try {
      opened = opener.open(responseBytes);
    } catch (EnvelopeException e) {
      throw protocol("the response envelope does not open: " + e.getMessage(), "envelope-invalid", messageId, e);
    }
    if (!opened.sender().creditCode().toString().equals(providerCode)) {
      throw protocol("the response is sealed by " + opened.sender().creditCode() + ", not by the provider "
          + providerCode, "response-sender", messageId, null);
    }
    if (!RESULT_TYPE.equals(opened.header().contentType())
        || !request.resourceCode().equals(opened.header().resourceCode())
        || !opened.header().grantId().equals(request.grantId())
        || !opened.header().caseId().equals(request.caseId())) {
      throw protocol("the response envelope's header does not match the exchange", "response-mismatch", messageId,
          null);
    }
    return new ExchangeResponse(messageId, request.resourceCode(), providerCode, ticket.items(), ticket,
        records(opened.payload(), messageId, ticket.items()));
  }

  private ExchangeTicket ticket(String text, UUID messageId) {
    try {
      ExchangeTicket parsed = ExchangeTicket.parseUnverified(text);
      if (settings.hubCertificates().isEmpty()) {
        return parsed;
      }
      // Checked as of its issue: the provider already enforced the expiry, and an answer the hub
      // stored and hands out again on a retry (§6) carries the ticket of the first relay.
      return ExchangeTicket.verify(text, settings.hubCertificates(), settings.trust(), parsed.issuedAt());
    } catch (TicketException e) {
      throw protocol("the ticket does not verify: " + e.getMessage(), e.problemType(), messageId, e);
    }
  }

  private static List<ObjectNode> records(byte[] payload, UUID messageId, List<String> granted) {
    JsonNode result;
    try {
      result = Codec.JSON.readTree(payload);
    } catch (IOException e) {
      throw protocol("the response payload is not JSON", "response-malformed", messageId, null);
    }
    if (result == null || !result.isObject() || !messageId.toString().equals(result.path("inReplyTo").asText())) {
      throw protocol("the response does not answer message " + messageId, "response-mismatch", messageId, null);
    }
    JsonNode records = result.get("records");
    if (records == null || !records.isArray()) {
      throw protocol("the response has no records array", "response-malformed", messageId, null);
    }
    Set<String> allowed = new HashSet<>(granted);
    List<ObjectNode> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      if (!record.isObject()) {
        throw protocol("record " + i + " is not an object", "response-malformed", messageId, null);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        if (!allowed.contains(member.getKey())) {
          // Name the item (catalog metadata), never its value.
          throw protocol("record " + i + " carries item '" + member.getKey() + "', which the ticket does not grant",
              "item-not-granted", messageId, null);
        }
        if (member.getValue().isContainerNode()) {
          throw protocol("record " + i + " item '" + member.getKey() + "' is not a string, number, boolean or null",
              "response-malformed", messageId, null);
        }
      }
      out.add((ObjectNode) record);
    }
    return out;
  }

  private void audit(ExchangeRequest request, UUID messageId, Optional<SubjectPseudonym> subject, AuditAction action,
      AuditOutcome outcome) {
    if (settings.audit() == null) {
      return;
    }
    AuditEvent.Builder event = AuditEvent.builder().actor(Actor.of(self, settings.system())).action(action)
        .outcome(outcome).resourceCode(request.resourceCode()).messageId(messageId.toString())
        .items(request.items()).purpose(request.purpose()).timestamp(settings.clock().instant());
    request.caseId().ifPresent(event::caseId);
    request.grantId().ifPresent(event::grantId);
    subject.ifPresent(event::subject);
    try {
      settings.audit().record(event.build());
    } catch (RuntimeException e) {
      // The action must not complete unaudited: no request is sent, no data is returned.
      throw new ShuqiaoException("could not record " + action.code() + " of exchange " + messageId
          + " in the audit log", 0, "audit-failed", null, e);
    }
  }

  private static ExchangeProtocolException protocol(String message, String type, UUID messageId, Throwable cause) {
    return new ExchangeProtocolException(message, type, messageId, cause);
  }
}
