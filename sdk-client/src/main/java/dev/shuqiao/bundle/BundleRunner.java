package dev.shuqiao.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditRecorder;
import dev.shuqiao.audit.SubjectPseudonymizer;
import dev.shuqiao.crypto.StorageKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs bundle cases: each step's exchange in dependency order, independent steps in parallel on a
 * bounded pool, one case id through every exchange and every {@code bundle.step} audit event. The
 * consent is checked before any data moves. Every state change is journaled (one file per case under
 * {@link Builder#journalDirectory}) and forced to disk before it takes effect, and a step's sealed
 * query is journaled before it is sent: after a crash, {@link #resume} sends the identical bytes again
 * and the hub answers from its store, so no step is delivered twice. Thread-safe; share one runner.
 *
 * <pre>{@code
 * try (BundleRunner runner = BundleRunner.builder()
 *     .exchange(client)                       // the department's ShuqiaoClient
 *     .auditRecorder(auditLog)
 *     .actor(Actor.of("11450200MB0000000T", "service-center"))
 *     .journalDirectory(Path.of("/var/lib/service-center/cases"))
 *     .journalKey(StorageKey.derive(identity, "bundle-journal"))
 *     .build()) {
 *   BundleResult result = runner.run(birth, application);
 * }
 * }</pre>
 *
 * <p>The journal holds the case's form, subject and delivered records, encrypted with the
 * {@linkplain Builder#journalKey journal key}; file names and sizes stay visible.
 */
public final class BundleRunner implements AutoCloseable {

  /** Threads running steps when none is set. */
  public static final int DEFAULT_PARALLELISM = 4;

  private final StepExchange exchange;
  private final AuditRecorder audit;
  private final Actor actor;
  private final SubjectPseudonymizer pseudonymizer;
  private final Path directory;
  private final StorageKey journalKey;
  private final Clock clock;
  private final Duration retryBackoff;
  private final ExecutorService executor;

  private BundleRunner(Builder b) {
    this.exchange = b.exchange;
    this.audit = b.audit;
    this.actor = b.actor;
    this.pseudonymizer = b.pseudonymizer;
    this.directory = b.directory;
    this.journalKey = b.journalKey;
    this.clock = b.clock;
    this.retryBackoff = b.retryBackoff;
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, "shuqiao-bundle-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.executor = Executors.newFixedThreadPool(b.parallelism, factory);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a new case and runs it as far as it goes.
   *
   * @throws BundleException before anything is sent or journaled: {@code consent-missing},
   *     {@code consent-insufficient}, {@code consent-expired}, {@code form-incomplete}, {@code case-exists}
   */
  public BundleResult run(BundleDefinition definition, Application application) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(application, "application");
    CaseRun.Refusal refusal = CaseRun.check(definition, application, clock.instant());
    if (refusal != null) {
      CaseRun.auditRefusal(audit, actor, definition, application.caseId(), refusal);
      throw new BundleException(refusal.reason(), refusal.message());
    }
    CaseJournal journal = CaseJournal.create(directory, application.caseId(), journalKey);
    try (journal) {
      ObjectNode open = CaseRun.openRecord(definition, application, clock.instant());
      journal.append(open);
      return newRun(definition, journal, List.of(open)).execute();
    }
  }

  /**
   * Resumes a case: steps already delivered are kept, a step whose query was sent when the runner
   * stopped is sent again with the identical bytes, failed and skipped steps are tried again.
   * Resuming a completed case sends nothing and returns its result.
   *
   * @throws BundleException {@code case-unknown}, {@code case-busy}, {@code definition-changed},
   *     {@code consent-expired}, {@code journal-corrupt}
   */
  public BundleResult resume(BundleDefinition definition, String caseId) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(caseId, "caseId");
    List<ObjectNode> records = new ArrayList<>();
    try (CaseJournal journal = CaseJournal.open(directory, caseId, journalKey, records)) {
      if (records.isEmpty()) {
        throw new BundleException("case-unknown", "case " + caseId + " was never started (its journal is empty)");
      }
      CaseRun.Refusal refusal = CaseRun.checkResume(definition, caseId, records.get(0), clock.instant());
      if (refusal != null) {
        throw new BundleException(refusal.reason(), refusal.message());
      }
      return newRun(definition, journal, records).execute();
    }
  }

  private CaseRun newRun(BundleDefinition definition, CaseJournal journal, List<ObjectNode> records) {
    return new CaseRun(definition, journal, records, exchange, executor, audit, actor, pseudonymizer, retryBackoff);
  }

  /** Stops the step threads; a case still running is left to be resumed. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds a {@link BundleRunner}: exchange, audit recorder, actor, journal directory and key are required. */
  public static final class Builder {
    private StepExchange exchange;
    private AuditRecorder audit;
    private Actor actor;
    private SubjectPseudonymizer pseudonymizer;
    private Path directory;
    private StorageKey journalKey;
    private int parallelism = DEFAULT_PARALLELISM;
    private Clock clock = Clock.systemUTC();
    private Duration retryBackoff = Duration.ofMillis(500);

    private Builder() {}

    /**
     * The department's client: each step is {@link dev.shuqiao.client.ShuqiaoClient#prepareExchange}d,
     * journaled, then {@link dev.shuqiao.client.ShuqiaoClient#send}. The client needs the city trust store.
     */
    public Builder exchange(dev.shuqiao.client.ShuqiaoClient client) {
      return stepExchange(new ClientStepExchange(Objects.requireNonNull(client, "client")));
    }

    /** The exchange channel in two phases; tests give a stand-in hub. */
    Builder stepExchange(StepExchange exchange) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
      return this;
    }

    /** Where {@code bundle.step} events go, with the case id and each exchange's message id. */
    public Builder auditRecorder(AuditRecorder audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /** Who runs the bundle: the consumer department and its system (and operator). */
    public Builder actor(Actor actor) {
      this.actor = Objects.requireNonNull(actor, "actor");
      return this;
    }

    /** Pseudonymizes the application's subject in the audit events; without one, events name no subject. */
    public Builder pseudonymizer(SubjectPseudonymizer pseudonymizer) {
      this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
      return this;
    }

    /** The directory of the case journals (created if missing); one file per case. */
    public Builder journalDirectory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * The key the case journals are encrypted with (every record, docs/bundle.md §4): usually
     * {@code StorageKey.derive(departmentIdentity, "bundle-journal")}, which needs nothing stored
     * beside the identity, or a key from the department's key store ({@link StorageKey#fromSecret}).
     * Resuming a case needs the key it was started with.
     */
    public Builder journalKey(StorageKey key) {
      this.journalKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** How many steps run at once, across all cases of this runner (default 4, 1 to 64). */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1 || parallelism > 64) {
        throw new IllegalArgumentException("parallelism: 1 to 64, got " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /** The clock that decides whether a consent has expired. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The first pause before a step's retry (doubled per retry, at most 30 s; default 500 ms). */
    public Builder retryBackoff(Duration backoff) {
      if (backoff.isNegative() || backoff.compareTo(Duration.ofSeconds(30)) > 0) {
        throw new IllegalArgumentException("retryBackoff: 0 to 30 s, got " + backoff);
      }
      this.retryBackoff = backoff;
      return this;
    }

    /** @throws IllegalStateException naming what is missing */
    public BundleRunner build() {
      List<String> missing = new ArrayList<>();
      if (exchange == null) {
        missing.add("exchange");
      }
      if (audit == null) {
        missing.add("auditRecorder");
      }
      if (actor == null) {
        missing.add("actor");
      }
      if (directory == null) {
        missing.add("journalDirectory");
      }
      if (journalKey == null) {
        missing.add("journalKey");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("a bundle runner needs " + String.join(", ", missing));
      }
      return new BundleRunner(this);
    }
  }
}
