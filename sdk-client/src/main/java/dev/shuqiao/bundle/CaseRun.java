package dev.shuqiao.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.AuditRecorder;
import dev.shuqiao.audit.SubjectPseudonym;
import dev.shuqiao.audit.SubjectPseudonymizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run of one case: replays its journal, then schedules every step whose inputs have arrived on
 * the runner's pool (the calling thread only coordinates), journaling and auditing each outcome.
 */
final class CaseRun {

  record Refusal(String reason, String message) {}

  private enum Status { PENDING, DELIVERED, FAILED, SKIPPED }

  /** A step's state as the journal tells it, then as this run changes it (on the coordinating thread). */
  private static final class State {
    final BundleDefinition.Step step;
    Status status = Status.PENDING;
    List<ObjectNode> records = List.of();
    UUID messageId;
    byte[] inFlight;
    String reason;
    int attempts;

    State(BundleDefinition.Step step) {
      this.step = step;
    }
  }

  /** What a worker reports back. */
  private record Done(State state, Status status, UUID messageId, byte[] inFlight, List<ObjectNode> records,
      String reason, int attempts) {}

  private final BundleDefinition definition;
  private final CaseJournal journal;
  private final StepExchange exchange;
  private final ExecutorService executor;
  private final AuditRecorder audit;
  private final Actor actor;
  private final Duration backoff;
  private final String caseId;
  private final String subject;
  private final SubjectPseudonym pseudonym;
  private final Map<String, String> form = new LinkedHashMap<>();
  private final Map<String, State> states = new LinkedHashMap<>();

  CaseRun(BundleDefinition definition, CaseJournal journal, List<ObjectNode> records, StepExchange exchange,
      ExecutorService executor, AuditRecorder audit, Actor actor, SubjectPseudonymizer pseudonymizer,
      Duration backoff) {
    this.definition = definition;
    this.journal = journal;
    this.exchange = exchange;
    this.executor = executor;
    this.audit = audit;
    this.actor = actor;
    this.backoff = backoff;
    ObjectNode open = records.get(0);
    this.caseId = open.path("caseId").asText();
    this.subject = open.hasNonNull("subject") ? open.get("subject").asText() : null;
    this.pseudonym = subject != null && pseudonymizer != null ? pseudonymizer.pseudonymize(subject) : null;
    open.path("form").fields().forEachRemaining(f -> form.put(f.getKey(), f.getValue().asText()));
    definition.steps().forEach(step -> states.put(step.id(), new State(step)));
    records.subList(1, records.size()).forEach(this::replay);
  }

  // ---- before a case starts

  static Refusal check(BundleDefinition definition, Application application, Instant now) {
    Optional<Consent> consent = application.consent();
    if (consent.isEmpty()) {
      return new Refusal("consent-missing", "case " + application.caseId() + " has no consent record;"
          + " nothing was sent");
    }
    Refusal expired = expired(consent.get().expiresAt().orElse(null), application.caseId(), now);
    if (expired != null) {
      return expired;
    }
    List<String> uncovered = new ArrayList<>();
    for (BundleDefinition.Step step : definition.steps()) {
      if (!consent.get().covers(step.resourceCode(), step.items())) {
        uncovered.add(step.id() + " (" + step.resourceCode() + ")");
      }
    }
    if (!uncovered.isEmpty()) {
      return new Refusal("consent-insufficient", "the consent of case " + application.caseId()
          + " does not cover steps " + String.join(", ", uncovered) + "; nothing was sent");
    }
    List<String> missing = definition.formFields().stream().filter(f -> !application.form().containsKey(f)).toList();
    if (!missing.isEmpty()) {
      return new Refusal("form-incomplete", "the form of case " + application.caseId() + " lacks "
          + String.join(", ", missing) + "; nothing was sent");
    }
    return null;
  }

  static Refusal checkResume(BundleDefinition definition, String caseId, ObjectNode open, Instant now) {
    if (!caseId.equals(open.path("caseId").asText())) {
      return new Refusal("journal-corrupt", "the journal of case " + caseId + " belongs to another case");
    }
    if (!definition.digest().equals(open.path("definition").asText())) {
      return new Refusal("definition-changed", "case " + caseId + " was started under another version of bundle "
          + open.path("bundle").asText() + "; resume it with the definition it was started with");
    }
    JsonNode expiresAt = open.path("consent").path("expiresAt");
    return expired(expiresAt.isNumber() ? Instant.ofEpochMilli(expiresAt.asLong()) : null, caseId, now);
  }

  private static Refusal expired(Instant expiresAt, String caseId, Instant now) {
    if (expiresAt != null && !now.isBefore(expiresAt)) {
      return new Refusal("consent-expired", "the consent of case " + caseId + " expired at " + expiresAt
          + "; nothing was sent");
    }
    return null;
  }

  /** One denied {@code bundle.step} event per step, so the refusal is on the record. */
  static void auditRefusal(AuditRecorder audit, Actor actor, BundleDefinition definition, String caseId,
      Refusal refusal) {
    for (BundleDefinition.Step step : definition.steps()) {
      AuditEvent.Builder event = AuditEvent.builder().actor(actor).action(AuditAction.BUNDLE_STEP)
          .resourceCode(step.resourceCode()).caseId(caseId).outcome(AuditOutcome.DENIED);
      step.grantId().ifPresent(event::grantId);
      audit.record(event.build());
    }
  }

  static ObjectNode openRecord(BundleDefinition definition, Application application, Instant now) {
    ObjectNode open = CaseJournal.record("open").put("caseId", application.caseId()).put("bundle", definition.name())
        .put("definition", definition.digest()).put("at", now.toEpochMilli());
    application.subject().ifPresent(s -> open.put("subject", s));
    ObjectNode form = open.putObject("form");
    application.form().forEach(form::put);
    Consent consent = application.consent().orElseThrow();
    ObjectNode c = open.putObject("consent").put("reference", consent.reference())
        .put("grantedAt", consent.grantedAt().toEpochMilli());
    consent.expiresAt().ifPresent(e -> c.put("expiresAt", e.toEpochMilli()));
    ObjectNode scope = c.putObject("scope");
    consent.scope().forEach((code, items) -> items.stream().sorted().forEach(scope.withArray(code)::add));
    return open;
  }

  // ---- replay

  private void replay(ObjectNode record) {
    State state = states.get(record.path("step").asText());
    if (state == null) {
      throw new BundleException("journal-corrupt", "the journal of case " + caseId + " names a step '"
          + record.path("step").asText() + "' the definition does not have");
    }
    switch (record.path("t").asText()) {
      case "prepared" -> {
        state.messageId = UUID.fromString(record.path("messageId").asText());
        state.inFlight = Base64.getDecoder().decode(record.path("exchange").asText());
        state.status = Status.PENDING;
      }
      case "delivered" -> {
        state.status = Status.DELIVERED;
        state.messageId = UUID.fromString(record.path("messageId").asText());
        state.inFlight = null;
        List<ObjectNode> delivered = new ArrayList<>();
        record.path("records").forEach(r -> delivered.add((ObjectNode) r));
        state.records = delivered;
      }
      case "failed" -> {
        state.status = Status.FAILED;
        state.reason = record.path("reason").asText();
        if (record.path("spent").asBoolean()) {
          state.inFlight = null;
        }
      }
      case "skipped" -> {
        state.status = Status.SKIPPED;
        state.reason = record.path("reason").asText();
      }
      default -> throw new BundleException("journal-corrupt", "the journal of case " + caseId
          + " has a record of unknown type '" + record.path("t").asText() + "'");
    }
  }

  // ---- execution

  BundleResult execute() {
    for (State state : states.values()) {
      if (state.status != Status.DELIVERED) {
        state.status = Status.PENDING; // a resumed case tries failed and skipped steps again
        state.reason = null;
      }
    }
    CompletionService<Done> completions = new ExecutorCompletionService<>(executor);
    Map<String, Boolean> running = new LinkedHashMap<>();
    while (true) {
      for (State state : states.values()) {
        if (state.status != Status.PENDING || running.containsKey(state.step.id())) {
          continue;
        }
        String blocked = blockedBy(state);
        if (blocked != null) {
          settle(new Done(state, Status.SKIPPED, null, state.inFlight, List.of(), blocked, 0));
          continue;
        }
        if (!ready(state)) {
          continue;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String missing = resolve(state.step, parameters);
        if (missing != null) {
          settle(new Done(state, Status.SKIPPED, null, state.inFlight, List.of(), missing, 0));
          continue;
        }
        running.put(state.step.id(), true);
        byte[] inFlight = state.inFlight;
        completions.submit(() -> attempt(state, parameters, inFlight));
      }
      if (running.isEmpty()) {
        break;
      }
      Done done = take(completions);
      running.remove(done.state.step.id());
      settle(done);
    }
    List<BundleResult.StepOutcome> outcomes = new ArrayList<>();
    for (State s : states.values()) {
      outcomes.add(new BundleResult.StepOutcome(s.step.id(), s.step.resourceCode(), s.step.required(),
          BundleResult.StepState.valueOf(s.status.name()), Optional.ofNullable(s.reason),
          s.status == Status.SKIPPED ? Optional.empty() : Optional.ofNullable(s.messageId), s.attempts,
          new ArrayList<JsonNode>(s.records)));
    }
    return new BundleResult(caseId, definition.name(), outcomes);
  }

  private static Done take(CompletionService<Done> completions) {
    try {
      return completions.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BundleException("interrupted", "the case was interrupted; resume it");
    } catch (ExecutionException e) {
      // attempt() catches what a step can throw; anything else is a bug or an audit failure: stop, resume later
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The reason a step cannot run because a step it needs failed or was skipped, or null. */
  private String blockedBy(State state) {
    for (String dependency : state.step.dependencies()) {
      State producer = states.get(dependency);
      if (producer.status == Status.FAILED || producer.status == Status.SKIPPED) {
        return "input step '" + dependency + "' " + (producer.status == Status.FAILED ? "failed" : "was skipped");
      }
    }
    return null;
  }

  private boolean ready(State state) {
    return state.step.dependencies().stream().allMatch(d -> states.get(d).status == Status.DELIVERED);
  }

  /** Fills {@code parameters}; returns why an input has no value, or null. */
  private String resolve(BundleDefinition.Step step, Map<String, String> parameters) {
    for (Map.Entry<String, String> input : step.inputs().entrySet()) {
      InputReference reference = InputReference.parse(input.getValue()).orElseThrow();
      String value;
      if (reference.fromForm()) {
        value = form.get(reference.name());
      } else {
        value = null;
        for (ObjectNode record : states.get(reference.step()).records) {
          JsonNode v = record.get(reference.name());
          if (v != null && !v.isNull()) {
            value = v.asText();
            break;
          }
        }
      }
      if (value == null) {
        return "input " + input.getKey() + " (" + input.getValue() + ") has no value";
      }
      parameters.put(input.getKey(), value);
    }
    return null;
  }

  /** Runs on the pool: one step's exchange with its retries. Journals what it sends before sending it. */
  private Done attempt(State state, Map<String, String> parameters, byte[] inFlight) {
    BundleDefinition.Step step = state.step;
    StepExchange.Prepared prepared = inFlight != null ? exchange.restore(inFlight) : null;
    long deadline = System.nanoTime() + step.timeout().multipliedBy(step.retries() + 1L).toNanos();
    int failures = 0;
    int attempts = 0;
    StepExchange.Failure last = null;
    while (true) {
      try {
        if (prepared == null) {
          prepared = exchange.prepare(new StepExchange.Call(step.resourceCode(), step.providerCode(), step.items(),
              parameters, subject, step.purpose(), caseId, step.grantId().orElse(null), step.timeout()));
          journal.append(CaseJournal.record("prepared").put("step", step.id())
              .put("messageId", prepared.messageId().toString())
              .put("exchange", Base64.getEncoder().encodeToString(prepared.bytes())));
        }
        attempts++;
        List<ObjectNode> records = exchange.send(prepared);
        record(step, prepared.messageId(), AuditOutcome.SUCCESS);
        ObjectNode delivered = CaseJournal.record("delivered").put("step", step.id())
            .put("messageId", prepared.messageId().toString());
        ArrayNode array = delivered.putArray("records");
        records.forEach(array::add);
        journal.append(delivered);
        return new Done(state, Status.DELIVERED, prepared.messageId(), null, records, null, attempts);
      } catch (StepExchange.Failure failure) {
        last = failure;
        boolean inProgress = !failure.spent && failure.retryAfter != null;
        if (!inProgress) {
          failures++;
        }
        long pause = pause(failure, failures);
        if (failures > step.retries() || System.nanoTime() + pause * 1_000_000 > deadline) {
          break;
        }
        if (failure.spent) {
          prepared = null; // the hub answered this message id for good: a new attempt is a new message
        }
        if (!sleep(pause)) {
          break;
        }
      } catch (BundleException e) {
        throw e; // the journal failed: stop the case, resume it later
      } catch (RuntimeException e) {
        // Preparing failed (provider lookup, sealing: nothing sent), or sending failed in the client
        // before an answer: the outcome of a prepared exchange stays unknown and it is sent again later.
        last = new StepExchange.Failure((prepared == null ? "could not prepare the exchange: "
            : "could not send the exchange: ") + e.getMessage(), false, false, null);
        break;
      }
    }
    boolean spent = prepared == null || last.spent;
    UUID messageId = prepared == null ? null : prepared.messageId();
    record(step, messageId, last.denied ? AuditOutcome.DENIED : AuditOutcome.FAILED);
    ObjectNode failed = CaseJournal.record("failed").put("step", step.id()).put("reason", last.getMessage())
        .put("spent", spent);
    if (messageId != null) {
      failed.put("messageId", messageId.toString());
    }
    journal.append(failed);
    return new Done(state, Status.FAILED, messageId, spent ? null : prepared.bytes(), List.of(), last.getMessage(),
        attempts);
  }

  private long pause(StepExchange.Failure failure, int failures) {
    if (failure.retryAfter != null) {
      return failure.retryAfter.toMillis();
    }
    long base = Math.min(30_000, backoff.toMillis() << Math.min(16, Math.max(0, failures - 1)));
    return base == 0 ? 0 : base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis); // the retry backoff itself
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Applies a step's outcome on the coordinating thread; skips are journaled and audited here. */
  private void settle(Done done) {
    State state = done.state;
    if (done.status == Status.SKIPPED) {
      record(state.step, null, AuditOutcome.FAILED);
      journal.append(CaseJournal.record("skipped").put("step", state.step.id()).put("reason", done.reason));
    }
    state.status = done.status;
    state.reason = done.reason;
    state.attempts = done.attempts;
    if (done.messageId != null) {
      state.messageId = done.messageId;
    }
    state.inFlight = done.inFlight;
    state.records = done.records;
  }

  private void record(BundleDefinition.Step step, UUID messageId, AuditOutcome outcome) {
    AuditEvent.Builder event = AuditEvent.builder().actor(actor).action(AuditAction.BUNDLE_STEP)
        .resourceCode(step.resourceCode()).caseId(caseId).outcome(outcome);
    step.grantId().ifPresent(event::grantId);
    if (messageId != null) {
      event.messageId(messageId.toString());
    }
    if (pseudonym != null) {
      event.subject(pseudonym);
    }
    audit.record(event.build());
  }
}
