package dev.shuqiao.hub.internal.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.crypto.MalformedEnvelopeException;
import dev.shuqiao.crypto.SealedEnvelope;
import dev.shuqiao.exchange.ExchangeTicket;
import dev.shuqiao.hub.internal.relay.ProviderAnswer;
import dev.shuqiao.hub.internal.relay.Relay;
import dev.shuqiao.hub.internal.relay.Replies;
import dev.shuqiao.hub.internal.store.Database;
import dev.shuqiao.hub.internal.store.DepartmentRow;
import dev.shuqiao.hub.internal.store.DepartmentStore;
import dev.shuqiao.hub.internal.store.ExchangeRow;
import dev.shuqiao.hub.internal.store.ExchangeStore;
import dev.shuqiao.hub.internal.store.GrantRow;
import dev.shuqiao.hub.internal.store.GrantStore;
import dev.shuqiao.hub.internal.store.RequestStore;
import dev.shuqiao.hub.internal.store.ResourceRow;
import dev.shuqiao.hub.internal.store.ResourceStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's side of the exchange channel (docs/exchange.md): checks a consumer's request without
 * opening its envelope, records it by message id, signs the ticket, relays to the provider and
 * brings the sealed response back. Only digests, metadata, tickets and sealed responses are stored.
 *
 * <p>An exchange is held by one hub run at a time: a PENDING row names its owner run and a lease.
 * A retry finds it held ({@code exchange-in-progress}), or takes it over when its owner is gone (a
 * restart of this instance, or a lease that ran out) and relays it again with a fresh ticket.
 */
public final class ExchangeService implements AutoCloseable {

  /** The content type of a query envelope. */
  public static final String QUERY_TYPE = "application/vnd.shuqiao.query+json";

  private static final Logger LOG = LoggerFactory.getLogger(ExchangeService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  /** How long a claim outlives the provider timeout before another run may take the exchange over. */
  private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
  private static final Duration PURGE_EVERY = Duration.ofHours(1);
  private static final int PURGE_BATCH = 10_000;

  /** A consumer's {@code POST /v1/exchanges}, parsed (docs/exchange.md §2). */
  public record Request(UUID messageId, String resourceCode, List<String> items, String purpose, String caseId,
      String grantId, byte[] envelope) {
    public Request {
      items = List.copyOf(items);
    }
  }

  /** What the hub knows when it decides, read in one transaction. */
  private record Facts(DepartmentRow consumer, ResourceRow resource, DepartmentRow provider, GrantRow grant,
      ExchangeRow exchange) {}

  private final Database db;
  private final ExchangeSettings settings;
  private final Auditor auditor;
  private final Clock clock;
  private final String origin;
  private final String run;
  private final Relay relay;
  private final RateLimiter limiter;
  private final Map<String, CircuitBreaker> circuits = new ConcurrentHashMap<>();
  private final ExchangeStore exchanges = new ExchangeStore();
  private final DepartmentStore departments = new DepartmentStore();
  private final ResourceStore resources = new ResourceStore();
  private final GrantStore grants = new GrantStore();
  private final ExchangeChecks checks = new ExchangeChecks();
  /** Epoch millis of the next purge of old exchanges; 0: on the first exchange. */
  private final java.util.concurrent.atomic.AtomicLong nextPurge = new java.util.concurrent.atomic.AtomicLong();

  /**
   * @param origin        this instance's audit origin: claims made under it by an earlier run are
   *                      known to be abandoned (that run has stopped)
   * @param maxReplyBytes the largest push reply read from a provider
   */
  public ExchangeService(Database db, ExchangeSettings settings, Auditor auditor, Clock clock, String origin,
      int maxReplyBytes) {
    this.db = db;
    this.settings = settings;
    this.auditor = auditor;
    this.clock = clock;
    this.origin = origin;
    this.run = origin + "#" + UUID.randomUUID();
    this.relay = new Relay(settings.maxHeldPolls(), maxReplyBytes);
    this.limiter = new RateLimiter(settings.ratePerSecond(), settings.burst());
  }

  /** Starts the relay's HTTP client (when the channel is on). */
  public void start() {
    if (settings.enabled()) {
      relay.start();
    }
  }

  @Override
  public void close() {
    relay.close();
  }

  // ---------------------------------------------------------------- POST /v1/exchanges

  /** Runs one exchange: the 200 body, or a {@link HubException} with the problem (§2, §5). */
  public ObjectNode exchange(Caller caller, Request r) throws SQLException {
    requireEnabled();
    caller.requireDepartment();
    String messageId = r.messageId().toString();
    SealedEnvelope envelope;
    try {
      envelope = SealedEnvelope.fromBinary(r.envelope());
    } catch (MalformedEnvelopeException e) {
      throw HubException.unprocessable("envelope-malformed", "request is not a well-formed envelope: " + e.getMessage(),
          "request").with("messageId", messageId);
    }
    String digest = ExchangeTicket.digestOf(settings.identity().keyAlgorithm(), r.envelope());
    Instant now = clock.instant();
    purgeIfDue(now);
    // One transaction reads what the hub decides on and, for a new message id, records it PENDING.
    Held held;
    try {
      held = db.inTransaction(c -> {
        Facts facts = facts(c, caller, r);
        checks.checkHeader(r, envelope, facts.consumer(), facts.provider());
        if (facts.exchange() != null) {
          return new Held(facts, null);
        }
        if (envelope.createdAt().isBefore(settings.oldestAccepted(now))) {
          // Its exchange may have been answered and purged already: never relay it a second time.
          throw HubException.unprocessable("envelope-stale", "the query envelope was created more than "
              + settings.retention().dividedBy(2).toDays() + " days ago; seal a new query (a new message id)", "request")
              .with("messageId", messageId);
        }
        ExchangeRow row = pending(caller, r, facts, digest, now);
        exchanges.insert(c, row);
        return new Held(facts, row);
      });
    } catch (SQLException e) {
      if (!RequestStore.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // The same message id arrived twice at once and the other request inserted first: a repeat.
      Facts facts = db.inTransaction(c -> facts(c, caller, r));
      if (facts.exchange() == null) {
        throw e;
      }
      held = new Held(facts, null);
    }
    ExchangeRow row = held.inserted() != null ? held.inserted() : hold(caller, r, held.facts().exchange(), digest);
    if (!ExchangeRow.PENDING.equals(row.state())) {
      return ExchangeAnswers.of(row);
    }
    return relay(caller, r, held.facts(), row);
  }

  /**
   * At most once an hour (per hub run), on the request that finds it due: deletes exchanges whose last
   * change is older than the retention, a bounded batch at a time. A failure only delays it.
   */
  private void purgeIfDue(Instant now) {
    long due = nextPurge.get();
    if (now.toEpochMilli() < due || !nextPurge.compareAndSet(due, now.plus(PURGE_EVERY).toEpochMilli())) {
      return;
    }
    try {
      int purged = db.inTransaction(c -> exchanges.purge(c, now.minus(settings.retention()), PURGE_BATCH));
      if (purged > 0) {
        LOG.info("purged {} exchanges last changed before {}", purged, now.minus(settings.retention()));
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("purging old exchanges failed; next try in {}: {}", PURGE_EVERY, e.toString());
    }
  }

  /** The facts read and, when this request recorded a new exchange, its PENDING row. */
  private record Held(Facts facts, ExchangeRow inserted) {}

  private ExchangeRow pending(Caller caller, Request r, Facts facts, String digest, Instant now) {
    return new ExchangeRow(r.messageId().toString(), caller.code(),
        facts.resource() == null ? "-" : facts.resource().providerCode(), r.resourceCode(), r.items(), r.grantId(),
        r.purpose(), r.caseId(), digest, ExchangeRow.PENDING, run, now.plus(settings.providerTimeout()).plus(LEASE_MARGIN),
        null, null, null, null, now, now);
  }

  private Facts facts(Connection c, Caller caller, Request r) throws SQLException {
    DepartmentRow consumer = departments.find(c, caller.code()).orElseThrow(() -> new IllegalStateException(
        "an authenticated department is not registered"));
    ResourceRow resource = resources.find(c, r.resourceCode(), false).orElse(null);
    DepartmentRow provider = resource == null ? null : departments.find(c, resource.providerCode()).orElse(null);
    GrantRow grant = r.grantId() == null ? null : grants.find(c, r.grantId(), false).orElse(null);
    ExchangeRow exchange = exchanges.find(c, r.messageId().toString()).orElse(null);
    return new Facts(consumer, resource, provider, grant, exchange);
  }

  /**
   * §2 step 3 and §6 for a message id already recorded: a repeat gets its final answer (returned row
   * not PENDING), 409 while another run holds it, or is taken over when its holder is gone. Same id
   * with another consumer or digest: 409 {@code message-id-reused}.
   */
  private ExchangeRow hold(Caller caller, Request r, ExchangeRow existing, String digest) throws SQLException {
    String messageId = r.messageId().toString();
    Instant now = clock.instant();
    Instant lease = now.plus(settings.providerTimeout()).plus(LEASE_MARGIN);
    if (!existing.consumerCode().equals(caller.code()) || !MessageDigest.isEqual(
        existing.requestDigest().getBytes(StandardCharsets.US_ASCII), digest.getBytes(StandardCharsets.US_ASCII))) {
      throw HubException.conflict("message-id-reused",
          "this message id belongs to another exchange; seal a new query (a new message id) for a new exchange")
          .with("messageId", messageId);
    }
    if (!ExchangeRow.PENDING.equals(existing.state())) {
      return existing;
    }
    String owner = existing.ownerRun();
    boolean abandoned = owner == null || (owner.startsWith(origin + "#") && !owner.equals(run))
        || (existing.leaseUntil() != null && !now.isBefore(existing.leaseUntil()));
    if (!abandoned || !db.inTransaction(c -> exchanges.claim(c, messageId, owner, run, lease, now))) {
      throw new HubException(409, "exchange-in-progress", "The exchange is in progress",
          "this exchange is being relayed; retry with the same request").with("messageId", messageId).retryAfter(1);
    }
    return existing;
  }

  /** §2 steps 4–6, the ticket, the relay and its outcome (§5). */
  private ObjectNode relay(Caller caller, Request r, Facts facts, ExchangeRow held) throws SQLException {
    String messageId = held.messageId();
    boolean settled = false;
    CircuitBreaker circuit = null;
    boolean admitted = false;
    try {
      long wait = limiter.acquire(caller.code());
      if (wait > 0) {
        throw retryable(caller, r, new HubException(429, "rate-limited", "Too many requests",
            "this department sends more exchanges than the hub's limit; retry later").retryAfter(wait), AuditOutcome.DENIED);
      }
      HubException refusal = checks.authorize(caller.code(), r, facts.resource(), facts.provider(), facts.grant(),
          clock.instant());
      if (refusal != null) {
        if (refusal.status() == 503) {
          throw retryable(caller, r, refusal.retryAfter(5), AuditOutcome.FAILED);
        }
        throw refuse(caller, r, refusal, AuditOutcome.DENIED);
      }
      DepartmentRow provider = facts.provider();
      circuit = circuits.computeIfAbsent(provider.code(), p -> new CircuitBreaker(settings.circuitFailures(),
          settings.circuitOpen()));
      long open = circuit.admit();
      if (open > 0) {
        throw retryable(caller, r, unavailable("the provider failed repeatedly; the hub stops relaying to it for a while")
            .with("circuitOpen", true).retryAfter(open), AuditOutcome.FAILED);
      }
      admitted = true;
      Instant now = clock.instant();
      String ticket = ExchangeTicket.builder().hub(settings.identity().department().creditCode().toString())
          .messageId(r.messageId()).consumer(caller.code()).provider(provider.code()).resourceCode(r.resourceCode())
          .items(r.items()).grantId(r.grantId()).purpose(r.purpose()).caseId(r.caseId())
          .requestDigest(held.requestDigest()).issuedAt(now).expiresAt(now.plus(settings.ticketLifetime())).build()
          .sign(settings.identity());
      // The request event is queued now and becomes durable while the provider works; every outcome
      // below waits for it first, so no answer leaves the hub for an exchange whose request is not on disk.
      CompletableFuture<Long> requested = auditor.exchangeAsync(caller.code(), AuditAction.EXCHANGE_REQUEST,
          AuditOutcome.SUCCESS, messageId, r.resourceCode(), r.grantId(), r.caseId(), r.items(), r.purpose());
      ProviderAnswer answer;
      try {
        answer = relay.send(provider.code(), provider.endpointUrl(), r.messageId(),
            Replies.relayMessage(ticket, r.envelope()), settings.providerTimeout());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        circuit.abandon();
        admitted = false;
        awaitAudited(requested);
        throw retryable(caller, r, unavailable("the hub is stopping; retry"), AuditOutcome.FAILED);
      }
      admitted = false;
      awaitAudited(requested);
      switch (answer.kind()) {
        case DELIVERED -> {
          circuit.success();
          String response = B64.encodeToString(answer.response());
          // The deliver event is queued first and becomes durable while the answer is recorded; the
          // transaction commits only once it is on disk (if it cannot be, nothing is recorded and the
          // exchange is released for a retry, as when the append failed inside the transaction).
          CompletableFuture<Long> delivered = auditor.exchangeAsync(caller.code(), AuditAction.EXCHANGE_DELIVER,
              AuditOutcome.SUCCESS, messageId, r.resourceCode(), r.grantId(), r.caseId(), r.items(), r.purpose());
          db.inTransaction(c -> {
            if (!exchanges.finish(c, messageId, run, ExchangeRow.DELIVERED, 200, ticket, response, null, clock.instant())) {
              LOG.warn("exchange {} was taken over before its answer was recorded", messageId);
            }
            awaitAudited(delivered);
            return null;
          });
          settled = true;
          return ExchangeAnswers.delivered(messageId, ticket, response);
        }
        case REFUSED -> {
          circuit.success();
          throw refuse(caller, r, new HubException(502, "provider-refused", "The provider refused the exchange",
              answer.detail()).with("providerType", answer.providerType()), AuditOutcome.DENIED);
        }
        case FAILED -> {
          circuit.failure();
          throw retryable(caller, r, unavailable(answer.detail()).retryAfter(1), AuditOutcome.FAILED);
        }
        default -> {
          circuit.failure();
          throw retryable(caller, r, new HubException(504, "provider-timeout", "The provider did not answer in time",
              "no answer from the provider within " + settings.providerTimeout().toMillis() + " ms"), AuditOutcome.FAILED);
        }
      }
    } catch (Settled e) {
      settled = true;
      throw e.problem;
    } finally {
      if (admitted) {
        circuit.abandon();
      }
      if (!settled) {
        release(messageId);
      }
    }
  }

  /** A problem already recorded (final) or released (retryable) and audited: only to be thrown. */
  private static final class Settled extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient HubException problem;

    Settled(HubException problem) {
      super(null, null, false, false);
      this.problem = problem;
    }
  }

  /** A final refusal: stored as the exchange's answer and audited in one transaction. */
  private Settled refuse(Caller caller, Request r, HubException problem, AuditOutcome outcome) throws SQLException {
    HubException withId = problem.with("messageId", r.messageId().toString());
    String stored = ExchangeAnswers.stored(withId);
    db.inTransaction(c -> {
      exchanges.finish(c, r.messageId().toString(), run, ExchangeRow.REFUSED, withId.status(), null, null, stored,
          clock.instant());
      audit(caller, r, AuditAction.EXCHANGE_REFUSE, outcome);
      return null;
    });
    return new Settled(withId);
  }

  /** A refusal a retry may overcome (429, 503, 504): audited, the exchange released, stays PENDING. */
  private Settled retryable(Caller caller, Request r, HubException problem, AuditOutcome outcome) throws SQLException {
    HubException withId = problem.with("messageId", r.messageId().toString());
    try {
      audit(caller, r, AuditAction.EXCHANGE_REFUSE, outcome);
    } finally {
      release(r.messageId().toString());
    }
    return new Settled(withId);
  }

  private void release(String messageId) {
    try {
      db.inTransaction(c -> exchanges.release(c, messageId, run, clock.instant()));
    } catch (SQLException | RuntimeException e) {
      // The lease runs out on its own; a retry then takes the exchange over.
      LOG.warn("exchange {} could not be released: {}", messageId, e.toString());
    }
  }

  private void audit(Caller caller, Request r, AuditAction action, AuditOutcome outcome) {
    auditor.exchange(caller.code(), action, outcome, r.messageId().toString(), r.resourceCode(), r.grantId(), r.caseId(),
        r.items(), r.purpose());
  }

  /** Fails closed (503 {@code audit-unavailable}, the exchange released) if an exchange event did not reach the disk. */
  private static void awaitAudited(CompletableFuture<Long> requested) {
    try {
      requested.join();
    } catch (CompletionException | CancellationException e) {
      LOG.error("the audit log refused an exchange event; the exchange is not answered: {}",
          e.getCause() == null ? e.toString() : e.getCause().toString());
      throw new HubException(503, "audit-unavailable", "The hub's audit log is unavailable",
          "the exchange could not be audited; nothing was delivered");
    }
  }

  private static HubException unavailable(String detail) {
    return new HubException(503, "provider-unavailable", "The provider is unavailable", detail);
  }

  /** 503 {@code exchange-disabled} unless the hub has an exchange identity; checked before anything else. */
  public void requireEnabled() {
    if (!settings.enabled()) {
      throw new HubException(503, "exchange-disabled", "The exchange channel is off",
          "this hub has no exchange identity configured (HubServer.Builder.exchangeIdentity, exchange.identity in hub.yaml)");
    }
  }

  // ---------------------------------------------------------------- pull mode

  /** {@code POST /v1/exchanges/poll}: the relay messages waiting for the calling provider (§4). */
  public ObjectNode poll(Caller caller, int waitSeconds, int max) {
    requireEnabled();
    caller.requireDepartment();
    List<byte[]> messages;
    try {
      messages = relay.poll(caller.code(), Duration.ofSeconds(waitSeconds), max);
    } catch (Relay.TooManyPolls e) {
      throw new HubException(429, "poll-limit", "Too many polls held",
          "this department already holds " + settings.maxHeldPolls() + " polls on this hub").retryAfter(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubException(503, "unavailable", "Service unavailable", "the hub is stopping; poll again");
    }
    ObjectNode node = JSON.createObjectNode();
    var items = node.putArray("items");
    for (byte[] message : messages) {
      try {
        items.add(JSON.readTree(message));
      } catch (IOException e) {
        throw new IllegalStateException("a relay message is not JSON", e);
      }
    }
    return node;
  }

  /** {@code POST /v1/exchanges/{messageId}/reply}: hands a provider's reply to the waiting exchange (§4). */
  public ObjectNode reply(Caller caller, UUID messageId, byte[] body) throws SQLException {
    requireEnabled();
    caller.requireDepartment();
    try {
      Replies.parse(messageId, body);
    } catch (IllegalArgumentException e) {
      throw HubException.badField("body", "the reply is not valid: " + e.getMessage());
    }
    if (relay.reply(caller.code(), messageId, body)) {
      return JSON.createObjectNode();
    }
    ExchangeRow row = db.inTransaction(c -> exchanges.find(c, messageId.toString())).orElse(null);
    if (row != null && row.providerCode().equals(caller.code()) && !ExchangeRow.PENDING.equals(row.state())) {
      throw HubException.conflict("exchange-state", "this exchange was already answered");
    }
    throw new HubException(404, "not-found", "No such exchange",
        "no exchange is waiting for a reply from this department under that message id");
  }
}
