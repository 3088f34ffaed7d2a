package dev.shuqiao.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.crypto.Department;
import dev.shuqiao.crypto.EnvelopeContent;
import dev.shuqiao.crypto.EnvelopeException;
import dev.shuqiao.crypto.EnvelopeHeader;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.OpenedEnvelope;
import dev.shuqiao.exchange.ExchangeTicket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One verified exchange after the ticket checks (docs/exchange.md §3 from "the envelope opens", §7,
 * §8): open and bind the envelope to the ticket, audit the request, run the handler, shape, seal,
 * audit the delivery. Every refusal here is audited.
 */
final class RelayProcessor {

  static final String QUERY_TYPE = "application/vnd.shuqiao.query+json";
  static final String RESULT_TYPE = "application/vnd.shuqiao.result+json";
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeProvider.class);

  private final EnvelopeOpener opener;
  private final EnvelopeSealer sealer;
  private final Map<String, ServedResource> resources;
  private final ProviderAudit audit;

  /** A handler with the catalog entry that says how its items are masked. */
  record ServedResource(ResourceHandler handler, RecordShaper shaper) {}

  RelayProcessor(EnvelopeOpener opener, EnvelopeSealer sealer, Map<String, ServedResource> resources,
      ProviderAudit audit) {
    this.opener = opener;
    this.sealer = sealer;
    this.resources = Map.copyOf(resources);
    this.audit = audit;
  }

  static String normalizedCode(String code) {
    return code.replace(" ", "");
  }

  ProviderReply process(ExchangeTicket ticket, byte[] envelope) {
    String messageId = ticket.messageId().toString();
    OpenedEnvelope opened;
    Query query;
    try {
      opened = open(envelope);
      bind(ticket, opened);
      query = Query.parse(opened.payload());
      // What the hub vouched for in clear must be what the consumer signed inside the envelope.
      mismatch("items", query.items().equals(ticket.items()));
      mismatch("purpose", query.purpose().equals(ticket.purpose()));
    } catch (Refusal refusal) {
      return refuse(ticket, null, refusal);
    }
    try {
      audit.record(ticket, AuditAction.EXCHANGE_REQUEST, AuditOutcome.SUCCESS, query.subject());
    } catch (RuntimeException e) {
      LOG.error("audit record of exchange {} failed; refusing it: {}", messageId, e.getClass().getSimpleName());
      return ProviderReply.refused(messageId, auditUnavailable());
    }
    byte[] response;
    try {
      response = answer(ticket, opened, query);
    } catch (Refusal refusal) {
      return refuse(ticket, query.subject(), refusal);
    }
    try {
      audit.record(ticket, AuditAction.EXCHANGE_DELIVER, AuditOutcome.SUCCESS, query.subject());
    } catch (RuntimeException e) {
      LOG.error("audit record of delivery {} failed; not delivering: {}", messageId, e.getClass().getSimpleName());
      return ProviderReply.refused(messageId, auditUnavailable());
    }
    return ProviderReply.delivered(messageId, response);
  }

  /** Audits and returns a refusal of an exchange whose ticket verified. */
  ProviderReply refuse(ExchangeTicket ticket, String subject, Refusal refusal) {
    try {
      audit.record(ticket, AuditAction.EXCHANGE_REFUSE, refusal.denied() ? AuditOutcome.DENIED : AuditOutcome.FAILED,
          subject);
    } catch (RuntimeException e) {
      LOG.error("audit record of refused exchange {} failed: {}", ticket.messageId(), e.getClass().getSimpleName());
      return ProviderReply.refused(ticket.messageId().toString(), auditUnavailable());
    }
    return ProviderReply.refused(ticket.messageId().toString(), refusal);
  }

  static Refusal auditUnavailable() {
    return new Refusal("audit-unavailable", 503, "the provider's audit log is unavailable; nothing was delivered");
  }

  private OpenedEnvelope open(byte[] envelope) {
    try {
      return opener.open(envelope);
    } catch (EnvelopeException e) {
      throw new Refusal("envelope-invalid", 400, "the query envelope does not open: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new Refusal("envelope-invalid", 400, "the query envelope does not open");
    }
  }

  /** The envelope's authenticated header and sender against the ticket. */
  private static void bind(ExchangeTicket ticket, OpenedEnvelope opened) {
    EnvelopeHeader header = opened.header();
    mismatch("messageId", header.messageId().equals(ticket.messageId()));
    mismatch("consumer", opened.sender().creditCode().toString().equals(ticket.consumer()));
    mismatch("resource", header.resourceCode().equals(ticket.resourceCode()));
    mismatch("grantId", header.grantId().equals(ticket.grantId()));
    mismatch("caseId", header.caseId().equals(ticket.caseId()));
    if (!QUERY_TYPE.equals(header.contentType())) {
      throw new Refusal("envelope-invalid", 400, "the envelope's content type is not " + QUERY_TYPE);
    }
  }

  private static void mismatch(String member, boolean equal) {
    if (!equal) {
      throw new Refusal("ticket-mismatch", 403, "the query envelope's " + member + " is not the ticket's");
    }
  }

  private byte[] answer(ExchangeTicket ticket, OpenedEnvelope opened, Query query) {
    ServedResource served = resources.get(normalizedCode(ticket.resourceCode()));
    if (served == null) {
      throw new Refusal("no-handler", 404, "this provider has no handler for resource " + ticket.resourceCode());
    }
    Department consumer = opened.sender();
    ExchangeQuery exchangeQuery = new ExchangeQuery(ticket.resourceCode(), query.parameters(), ticket.items(), consumer,
        ticket.purpose(), ticket.caseId().orElse(null), ticket.grantId().orElse(null), ticket.messageId(),
        query.subject());
    List<Map<String, Object>> records;
    try {
      List<?> returned = served.handler().query(exchangeQuery);
      records = served.shaper().shape(Objects.requireNonNull(returned, "the handler returned null"), ticket.items());
    } catch (QueryRefusedException e) {
      throw new Refusal("query-refused", 422, e.getMessage() == null ? "refused" : e.getMessage());
    } catch (RuntimeException e) {
      // The handler's message may carry personal data: the consumer and the log get the type only.
      LOG.warn("handler for {} failed on exchange {}: {}", ticket.resourceCode(), ticket.messageId(),
          e.getClass().getName());
      throw new Refusal("handler-failed", 500, "the provider's handler failed");
    }
    ObjectNode result = Json.MAPPER.createObjectNode().put("inReplyTo", ticket.messageId().toString());
    ArrayNode items = result.putArray("items");
    ticket.items().forEach(items::add);
    result.set("records", Json.MAPPER.valueToTree(records));
    EnvelopeContent.Builder content = EnvelopeContent.builder().addRecipient(consumer.certificate())
        .resourceCode(ticket.resourceCode()).contentType(RESULT_TYPE).payload(Json.bytes(result));
    ticket.grantId().ifPresent(content::grantId);
    ticket.caseId().ifPresent(content::caseId);
    return sealer.sealToBinary(content.build());
  }

  /** The query envelope's payload: {@code {"parameters": {…}, "subject": …}}. */
  record Query(Map<String, String> parameters, String subject, List<String> items, String purpose) {

    static Query parse(byte[] payload) {
      JsonNode node;
      try {
        node = Json.tree(payload);
      } catch (IllegalArgumentException e) {
        throw invalid("is not JSON");
      }
      if (!node.isObject()) {
        throw invalid("is not a JSON object");
      }
      Map<String, String> parameters = Map.of();
      String subject = null;
      List<String> items = null;
      String purpose = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        switch (member.getKey()) {
          case "parameters" -> {
            if (!member.getValue().isObject()) {
              throw invalid("member parameters is not an object");
            }
            Map<String, String> values = new LinkedHashMap<>();
            member.getValue().fields().forEachRemaining(p -> {
              if (!p.getValue().isTextual()) {
                throw invalid("parameter values must be strings");
              }
              values.put(p.getKey(), p.getValue().textValue());
            });
            parameters = values;
          }
          case "subject" -> {
            if (!member.getValue().isTextual() && !member.getValue().isNull()) {
              throw invalid("member subject is not a string");
            }
            subject = member.getValue().isNull() ? null : member.getValue().textValue();
          }
          case "items" -> {
            if (!member.getValue().isArray()) {
              throw invalid("member items is not an array");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode name : member.getValue()) {
              if (!name.isTextual()) {
                throw invalid("member items holds a value that is not a string");
              }
              names.add(name.textValue());
            }
            items = names;
          }
          case "purpose" -> {
            if (!member.getValue().isTextual()) {
              throw invalid("member purpose is not a string");
            }
            purpose = member.getValue().textValue();
          }
          default -> throw invalid("has an unknown member");
        }
      }
      if (items == null || purpose == null) {
        throw invalid("lacks " + (items == null ? "items" : "purpose"));
      }
      return new Query(parameters, subject, List.copyOf(items), purpose);
    }

    private static Refusal invalid(String why) {
      return new Refusal("envelope-invalid", 400, "the query payload " + why);
    }
  }
}
