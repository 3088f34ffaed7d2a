package dev.shuqiao.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shuqiao.audit.AuditRecorder;
import dev.shuqiao.audit.HmacSubjectPseudonymizer;
import dev.shuqiao.audit.SubjectPseudonymizer;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.catalog.ResourceCodeFormat;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.EnvelopeOpener;
import dev.shuqiao.crypto.EnvelopeSealer;
import dev.shuqiao.crypto.PseudonymKey;
import dev.shuqiao.crypto.ReplayGuard;
import dev.shuqiao.crypto.TrustStore;
import dev.shuqiao.exchange.ExchangeTicket;
import dev.shuqiao.exchange.TicketException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider side of the exchange channel (docs/exchange.md): answers the hub's relay messages for
 * the resources it has handlers for. Immutable and thread-safe; build one per department and share it
 * between a {@link ProviderServlet} (push mode) and a {@link ProviderConnection} (pull mode).
 *
 * <pre>{@code
 * ExchangeProvider provider = ExchangeProvider.builder()
 *     .identity(health)                          // the provider department's key and certificate
 *     .trustStore(cityTrust)                     // the city CA
 *     .addHubCertificate(hubExchangeCertificate) // pinned: only tickets it signed are accepted
 *     .catalog(catalog)                          // item masking rules
 *     .handler("1 01 003/000001", query -> births.find(query.parameter("出生医学证明编号").orElseThrow()))
 *     .auditRecorder(auditLog)
 *     .pseudonymKey(pseudonymKey)                // subject pseudonyms and the 'pseudonym' masking rule
 *     .build();
 * ProviderReply reply = provider.handle(relayMessageJson);   // without a servlet container
 * }</pre>
 *
 * <p>For each relay message, in this order (a refusal names its problem type): the message parses
 * ({@code malformed-json}); the ticket verifies with a pinned hub certificate the trust store
 * validates now and has not expired ({@code ticket-malformed}, {@code ticket-signature}, {@code
 * ticket-expired}); it names this provider and the digest of the envelope bytes ({@code
 * ticket-mismatch}); an exchange already answered gets its stored reply again; the envelope opens
 * ({@code envelope-invalid}) and its message id, sender, resource, grant and case are the ticket's
 * ({@code ticket-mismatch}); then {@code exchange.request} is audited, the handler runs ({@code
 * no-handler}, {@code query-refused}, {@code handler-failed}), only the ticket's items are kept and
 * masked per catalog, the result is sealed for the consumer and {@code exchange.deliver} audited.
 * Refusals of an exchange whose ticket verified are audited as {@code exchange.refuse}; a message
 * with a malformed or forged ticket is no exchange of the hub's and is only logged. If the audit
 * log fails, nothing is delivered ({@code audit-unavailable}, 503).
 */
public final class ExchangeProvider {

  private static final Logger LOG = LoggerFactory.getLogger(ExchangeProvider.class);

  private final String ownCode;
  private final DepartmentIdentity identity;
  private final List<X509Certificate> hubCertificates;
  private final TrustStore trustStore;
  private final Clock clock;
  private final IdempotencyStore idempotency;
  private final int maxRelayBytes;
  private final RelayProcessor processor;
  private final ConcurrentHashMap<String, CompletableFuture<ProviderReply>> inFlight = new ConcurrentHashMap<>();

  private ExchangeProvider(Builder b, RelayProcessor processor) {
    this.identity = b.identity;
    this.ownCode = b.identity.department().creditCode().toString();
    this.hubCertificates = List.copyOf(b.hubCertificates);
    this.trustStore = b.trustStore;
    this.clock = b.clock;
    this.idempotency = b.idempotencyStore;
    this.maxRelayBytes = b.maxRelayBytes;
    this.processor = processor;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The provider department's identity (pull mode signs its requests to the hub with it). */
  DepartmentIdentity identity() {
    return identity;
  }

  int maxRelayBytes() {
    return maxRelayBytes;
  }

  /**
   * Answers one relay message {@code {"ticket": …, "request": …}}. Never throws for bad input: every
   * refusal is a {@link ProviderReply} with its problem.
   */
  public ProviderReply handle(byte[] relayMessage) {
    Objects.requireNonNull(relayMessage, "relayMessage");
    if (relayMessage.length > maxRelayBytes) {
      return ProviderReply.refused(null, new Refusal("body-too-large", 413,
          "the relay message is over " + maxRelayBytes + " bytes"));
    }
    String ticketText;
    byte[] envelope;
    try {
      JsonNode relay = Json.tree(relayMessage);
      if (!relay.isObject() || relay.size() != 2 || !relay.path("ticket").isTextual()
          || !relay.path("request").isTextual()) {
        throw new IllegalArgumentException("shape");
      }
      ticketText = relay.get("ticket").textValue();
      envelope = Base64.getUrlDecoder().decode(relay.get("request").textValue());
    } catch (IllegalArgumentException e) {
      return ProviderReply.refused(null, new Refusal("malformed-json", 400,
          "a relay message is {\"ticket\": string, \"request\": base64url string} and nothing else"));
    }
    return handle(ticketText, envelope);
  }

  private ProviderReply handle(String ticketText, byte[] envelope) {
    Instant now = clock.instant();
    ExchangeTicket ticket;
    try {
      ticket = ExchangeTicket.verify(ticketText, hubCertificates, trustStore, now);
    } catch (TicketException e) {
      return ticketRefused(ticketText, e);
    } catch (RuntimeException e) {
      LOG.warn("relay message refused: ticket does not verify ({})", e.getClass().getSimpleName());
      return ProviderReply.refused(null, new Refusal("ticket-malformed", 400, "the ticket does not parse"));
    }
    String messageId = ticket.messageId().toString();
    if (!ticket.provider().equals(ownCode)) {
      return processor.refuse(ticket, null, new Refusal("ticket-mismatch", 403,
          "the ticket is for another provider"));
    }
    if (!ticket.matchesRequest(envelope)) {
      return processor.refuse(ticket, null, new Refusal("ticket-mismatch", 403,
          "the ticket's requestDigest is not the digest of this envelope"));
    }
    String key = messageId + "/" + ticket.requestDigest();
    var stored = idempotency.find(key);
    if (stored.isPresent()) {
      return ProviderReply.fromReplyJson(stored.get());
    }
    CompletableFuture<ProviderReply> mine = new CompletableFuture<>();
    CompletableFuture<ProviderReply> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return running.join(); // the same exchange is being answered on another thread: one handler run
    }
    try {
      stored = idempotency.find(key); // answered between our lookup and our claim
      ProviderReply reply = stored.isPresent() ? ProviderReply.fromReplyJson(stored.get())
          : processor.process(ticket, envelope);
      if (stored.isEmpty() && !"audit-unavailable".equals(reply.problemType().orElse(""))) {
        idempotency.put(key, reply.replyJson(), ticket.expiresAt());
      }
      mine.complete(reply);
      return reply;
    } catch (RuntimeException e) {
      LOG.error("exchange {} failed in the provider: {}", messageId, e.getClass().getName());
      ProviderReply failed = ProviderReply.refused(messageId, new Refusal("handler-failed", 500,
          "the provider failed"));
      mine.complete(failed);
      return failed;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /**
   * A ticket that failed verification. An expired ticket passed the signature check first, so its
   * members are the hub's and the refusal is audited; a malformed or forged one is only logged.
   */
  private ProviderReply ticketRefused(String ticketText, TicketException e) {
    int status = switch (e.problemType()) {
      case "ticket-malformed" -> 400;
      case "ticket-mismatch" -> 403;
      default -> 401;
    };
    Refusal refusal = new Refusal(e.problemType(), status, e.getMessage() == null ? e.problemType() : e.getMessage());
    if ("ticket-expired".equals(e.problemType())) {
      try {
        return processor.refuse(ExchangeTicket.parseUnverified(ticketText), null, refusal);
      } catch (RuntimeException unreadable) {
        // fall through: refuse without naming an exchange
      }
    }
    LOG.warn("relay message refused: {}", e.problemType());
    return ProviderReply.refused(null, refusal);
  }

  /** Configures an {@link ExchangeProvider}. */
  public static final class Builder {
    private DepartmentIdentity identity;
    private TrustStore trustStore;
    private final List<X509Certificate> hubCertificates = new ArrayList<>();
    private Catalog catalog;
    private final Map<String, ResourceHandler> handlers = new LinkedHashMap<>();
    private AuditRecorder auditRecorder;
    private SubjectPseudonymizer pseudonymizer;
    private PseudonymKey pseudonymKey;
    private Clock clock = Clock.systemUTC();
    private IdempotencyStore idempotencyStore;
    private ReplayGuard replayGuard;
    private int maxRelayBytes = 16 * 1024 * 1024;

    private Builder() {}

    /** The provider department: envelopes are opened and responses sealed and signed with it. */
    public Builder identity(DepartmentIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** The city trust store: validates consumers' certificates and the pinned hub certificates. */
    public Builder trustStore(TrustStore trustStore) {
      this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
      return this;
    }

    /** A pinned hub exchange certificate; add the next one too during a rotation. */
    public Builder addHubCertificate(X509Certificate certificate) {
      hubCertificates.add(Objects.requireNonNull(certificate, "certificate"));
      return this;
    }

    /** The provider's catalog: every handled resource must be in it; its masking rules apply. */
    public Builder catalog(Catalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** The handler of the resource with this code (spaces are not significant). */
    public Builder handler(String resourceCode, ResourceHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (handlers.putIfAbsent(RelayProcessor.normalizedCode(Objects.requireNonNull(resourceCode, "resourceCode")),
          handler) != null) {
        throw new IllegalArgumentException("a handler for " + resourceCode + " is already registered");
      }
      return this;
    }

    /** Where the provider's {@code exchange.*} records go (required). */
    public Builder auditRecorder(AuditRecorder auditRecorder) {
      this.auditRecorder = Objects.requireNonNull(auditRecorder, "auditRecorder");
      return this;
    }

    /** Pseudonymizes the data subject for audit records; default: from {@link #pseudonymKey}. */
    public Builder subjectPseudonymizer(SubjectPseudonymizer pseudonymizer) {
      this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
      return this;
    }

    /** The department's pseudonym key: the {@code pseudonym} masking rule and the default audit pseudonymizer. */
    public Builder pseudonymKey(PseudonymKey pseudonymKey) {
      this.pseudonymKey = Objects.requireNonNull(pseudonymKey, "pseudonymKey");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where answered exchanges are kept; default in memory, 100,000 replies, 15 minutes past ticket expiry. */
    public Builder idempotencyStore(IdempotencyStore store) {
      this.idempotencyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The query envelopes' replay guard; default in memory with a 5-minute window on the builder's clock. */
    public Builder replayGuard(ReplayGuard replayGuard) {
      this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
      return this;
    }

    /** The largest relay message accepted (default 16 MiB). */
    public Builder maxRelayBytes(int maxRelayBytes) {
      if (maxRelayBytes < 1024) {
        throw new IllegalArgumentException("maxRelayBytes must be at least 1024");
      }
      this.maxRelayBytes = maxRelayBytes;
      return this;
    }

    /**
     * @throws IllegalStateException naming what is missing: identity, trust store, a hub certificate,
     *     catalog, a handler, audit recorder, a pseudonymizer or key; a handled resource missing from
     *     the catalog; a {@code pseudonym} masking rule without a pseudonym key
     */
    public ExchangeProvider build() {
      List<String> missing = new ArrayList<>();
      if (identity == null) missing.add("identity");
      if (trustStore == null) missing.add("trustStore");
      if (hubCertificates.isEmpty()) missing.add("addHubCertificate");
      if (catalog == null) missing.add("catalog");
      if (handlers.isEmpty()) missing.add("handler");
      if (auditRecorder == null) missing.add("auditRecorder");
      if (pseudonymizer == null && pseudonymKey == null) missing.add("subjectPseudonymizer or pseudonymKey");
      if (!missing.isEmpty()) {
        throw new IllegalStateException("an exchange provider needs " + String.join(", ", missing));
      }
      Map<String, RelayProcessor.ServedResource> served = new HashMap<>();
      handlers.forEach((code, handler) -> {
        DataResource resource = catalog.resources().stream()
            .filter(r -> RelayProcessor.normalizedCode(ResourceCodeFormat.DEFAULT.format(r.code())).equals(code))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("resource " + code + " has a handler but is not in the catalog"));
        boolean needsKey = resource.items().stream()
            .anyMatch(i -> i.masking().map(m -> m.pseudonym()).orElse(false));
        if (needsKey && pseudonymKey == null) {
          throw new IllegalStateException("resource " + code + " masks an item with 'pseudonym': set pseudonymKey");
        }
        served.put(code, new RelayProcessor.ServedResource(handler, new RecordShaper(resource, pseudonymKey)));
      });
      if (pseudonymizer == null) {
        pseudonymizer = HmacSubjectPseudonymizer.of(pseudonymKey, HmacSubjectPseudonymizer.DEFAULT_KIND);
      }
      if (idempotencyStore == null) {
        idempotencyStore = new InMemoryIdempotencyStore(100_000, Duration.ofMinutes(15), clock);
      }
      if (replayGuard == null) {
        replayGuard = ReplayGuard.builder().clock(clock).build();
      }
      EnvelopeOpener opener = EnvelopeOpener.builder().addIdentity(identity).trustStore(trustStore)
          .replayGuard(replayGuard).clock(clock).build();
      EnvelopeSealer sealer = EnvelopeSealer.builder().identity(identity).clock(clock).build();
      RelayProcessor processor = new RelayProcessor(opener, sealer, served,
          new ProviderAudit(auditRecorder, pseudonymizer, clock));
      return new ExchangeProvider(this, processor);
    }
  }
}
