package dev.shuqiao.audit.hook;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.AuditRecorder;
import dev.shuqiao.audit.SubjectPseudonym;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is acting on this thread, on which case, and where to record it. {@link AuditFilter} opens a
 * scope for each request; {@link AuditedInterceptor} records {@code @Audited} calls in the current
 * scope. Code outside a request (jobs, the hub's workers) opens one itself:
 *
 * <pre>{@code
 * try (AuditScope scope = AuditScope.builder(auditLog, Actor.of(dept, "nightly-sync")).caseId(caseId).open()) {
 *   service.deliver(request);   // @Audited methods are recorded with this actor and case
 * }
 * }</pre>
 *
 * Scopes nest; closing restores the outer one. Not shared between threads.
 */
public final class AuditScope implements AutoCloseable {

  private static final ThreadLocal<AuditScope> CURRENT = new ThreadLocal<>();

  private final AuditRecorder recorder;
  private final Actor actor;
  private final Optional<String> caseId;
  private final Optional<String> messageId;
  private final Optional<String> grantId;
  private final Optional<SubjectPseudonym> subject;
  private final AuditScope outer;
  private final Thread owner;

  private AuditScope(Builder b) {
    this.recorder = b.recorder;
    this.actor = b.actor;
    this.caseId = b.caseId;
    this.messageId = b.messageId;
    this.grantId = b.grantId;
    this.subject = b.subject;
    this.outer = CURRENT.get();
    this.owner = Thread.currentThread();
  }

  public static Builder builder(AuditRecorder recorder, Actor actor) {
    return new Builder(recorder, actor);
  }

  /** The innermost open scope of this thread. */
  public static Optional<AuditScope> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  public Actor actor() {
    return actor;
  }

  public AuditRecorder recorder() {
    return recorder;
  }

  /** Records {@code action} on {@code resourceCode} with this scope's actor, case, message, grant and subject. */
  public long record(AuditAction action, Optional<String> resourceCode, AuditOutcome outcome) {
    AuditEvent.Builder event = AuditEvent.builder().actor(actor).action(action).outcome(outcome);
    resourceCode.ifPresent(event::resourceCode);
    caseId.ifPresent(event::caseId);
    messageId.ifPresent(event::messageId);
    grantId.ifPresent(event::grantId);
    subject.ifPresent(event::subject);
    return recorder.record(event.build());
  }

  @Override
  public void close() {
    if (Thread.currentThread() != owner || CURRENT.get() != this) {
      throw new IllegalStateException("audit scopes must be closed on their thread, innermost first");
    }
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  /** Builds and opens an {@link AuditScope}. */
  public static final class Builder {
    private final AuditRecorder recorder;
    private final Actor actor;
    private Optional<String> caseId = Optional.empty();
    private Optional<String> messageId = Optional.empty();
    private Optional<String> grantId = Optional.empty();
    private Optional<SubjectPseudonym> subject = Optional.empty();

    private Builder(AuditRecorder recorder, Actor actor) {
      this.recorder = Objects.requireNonNull(recorder, "recorder");
      this.actor = Objects.requireNonNull(actor, "actor");
    }

    public Builder caseId(String caseId) {
      this.caseId = Optional.of(caseId);
      return this;
    }

    public Builder messageId(String messageId) {
      this.messageId = Optional.of(messageId);
      return this;
    }

    public Builder grantId(String grantId) {
      this.grantId = Optional.of(grantId);
      return this;
    }

    public Builder subject(SubjectPseudonym subject) {
      this.subject = Optional.of(subject);
      return this;
    }

    /**
     * Validates the context and makes the scope current on this thread.
     *
     * @throws IllegalArgumentException if a value is not allowed in an audit record
     */
    public AuditScope open() {
      // Build a throwaway event so that bad values fail here, not when the first action is recorded.
      AuditEvent.Builder check = AuditEvent.builder().actor(actor).action(AuditAction.DATA_ACCESS)
          .outcome(AuditOutcome.SUCCESS);
      caseId.ifPresent(check::caseId);
      messageId.ifPresent(check::messageId);
      grantId.ifPresent(check::grantId);
      check.build();
      AuditScope scope = new AuditScope(this);
      CURRENT.set(scope);
      return scope;
    }
  }
}
