package dev.shuqiao.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One audited action: who ({@link Actor}), did what ({@link AuditAction}) to which resource, under
 * which grant, for which case and message, with which outcome, when, and about which data subject
 * (as a {@link SubjectPseudonym}, never a clear identifier).
 *
 * <pre>{@code
 * AuditEvent event = AuditEvent.builder()
 *     .actor(Actor.of("11450200MB0000000T", "birth-portal", "clerk-17"))
 *     .action(AuditAction.DATA_ACCESS)
 *     .resourceCode("450200-HC-0001")
 *     .caseId("CASE-2026-000123")
 *     .outcome(AuditOutcome.SUCCESS)
 *     .subject(pseudonymizer.pseudonymize(idNumber))
 *     .build();
 * }</pre>
 *
 * <p>Free-text fields are bounded, printable and refused if they look like a clear resident
 * identity number. The canonical binary encoding (version 1) is documented on {@code EventCodec};
 * the Merkle leaf of an event is the hash of exactly those bytes.
 */
public final class AuditEvent {

  private final Actor actor;
  private final AuditAction action;
  private final Optional<String> resourceCode;
  private final Optional<String> grantId;
  private final Optional<String> caseId;
  private final Optional<String> messageId;
  private final AuditOutcome outcome;
  private final Instant timestamp;
  private final Optional<SubjectPseudonym> subject;
  private final java.util.List<String> items;
  private final Optional<String> purpose;

  private AuditEvent(Builder b) {
    this.actor = b.actor;
    this.action = b.action;
    this.resourceCode = b.resourceCode;
    this.grantId = b.grantId;
    this.caseId = b.caseId;
    this.messageId = b.messageId;
    this.outcome = b.outcome;
    this.timestamp = b.timestamp;
    this.subject = b.subject;
    this.items = b.items;
    this.purpose = b.purpose;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    Builder b = new Builder();
    b.actor = actor;
    b.action = action;
    b.resourceCode = resourceCode;
    b.grantId = grantId;
    b.caseId = caseId;
    b.messageId = messageId;
    b.outcome = outcome;
    b.timestamp = timestamp;
    b.subject = subject;
    b.items = items;
    b.purpose = purpose;
    return b;
  }

  public Actor actor() {
    return actor;
  }

  public AuditAction action() {
    return action;
  }

  public Optional<String> resourceCode() {
    return resourceCode;
  }

  public Optional<String> grantId() {
    return grantId;
  }

  public Optional<String> caseId() {
    return caseId;
  }

  public Optional<String> messageId() {
    return messageId;
  }

  public AuditOutcome outcome() {
    return outcome;
  }

  public Instant timestamp() {
    return timestamp;
  }

  public Optional<SubjectPseudonym> subject() {
    return subject;
  }

  /**
   * The information items an exchange asked for or delivered, in request order (empty for other
   * events). Item names of the catalog, never values.
   */
  public java.util.List<String> items() {
    return items;
  }

  /** The purpose the consumer stated for an exchange (the hub's authenticated metadata). */
  public Optional<String> purpose() {
    return purpose;
  }

  /** The canonical encoding (version 1, or 2 with items or a purpose) that the log stores and hashes. */
  public byte[] encode() {
    return EventCodec.encode(this);
  }

  /**
   * Decodes a canonical encoding, refusing anything that is not exactly what {@link #encode()}
   * produces for the decoded event.
   *
   * @throws IllegalArgumentException if the bytes are not a canonical version-1 event
   */
  public static AuditEvent decode(byte[] encoded) {
    return EventCodec.decode(encoded);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEvent e && actor.equals(e.actor) && action == e.action
        && resourceCode.equals(e.resourceCode) && grantId.equals(e.grantId) && caseId.equals(e.caseId)
        && messageId.equals(e.messageId) && outcome == e.outcome && timestamp.equals(e.timestamp)
        && subject.equals(e.subject) && items.equals(e.items) && purpose.equals(e.purpose);
  }

  @Override
  public int hashCode() {
    return Objects.hash(actor, action, resourceCode, grantId, caseId, messageId, outcome, timestamp, subject, items, purpose);
  }

  @Override
  public String toString() {
    return "AuditEvent[" + action.code() + " by " + actor.departmentCode() + "/" + actor.system()
        + resourceCode.map(r -> " on " + r).orElse("") + " -> " + outcome.code() + " at " + timestamp + "]";
  }

  /** Builds an {@link AuditEvent}; actor, action and outcome are required, the time defaults to now. */
  public static final class Builder {
    private Actor actor;
    private AuditAction action;
    private Optional<String> resourceCode = Optional.empty();
    private Optional<String> grantId = Optional.empty();
    private Optional<String> caseId = Optional.empty();
    private Optional<String> messageId = Optional.empty();
    private AuditOutcome outcome;
    private Instant timestamp;
    private Optional<SubjectPseudonym> subject = Optional.empty();
    private java.util.List<String> items = java.util.List.of();
    private Optional<String> purpose = Optional.empty();

    private Builder() {}

    public Builder actor(Actor actor) {
      this.actor = Objects.requireNonNull(actor, "actor");
      return this;
    }

    public Builder action(AuditAction action) {
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    public Builder resourceCode(String resourceCode) {
      this.resourceCode = Optional.of(FieldRules.requireText("resource code", resourceCode));
      return this;
    }

    public Builder grantId(String grantId) {
      this.grantId = Optional.of(FieldRules.requireText("grant id", grantId));
      return this;
    }

    public Builder caseId(String caseId) {
      this.caseId = Optional.of(FieldRules.requireText("case id", caseId));
      return this;
    }

    /** The exchange's information items (at most 500, each a bounded printable name). */
    public Builder items(java.util.List<String> items) {
      if (items.size() > FieldRules.MAX_ITEMS) {
        throw new IllegalArgumentException("at most " + FieldRules.MAX_ITEMS + " items");
      }
      this.items = items.stream().map(i -> FieldRules.requireText("item", i, FieldRules.MAX_ITEM_BYTES)).toList();
      return this;
    }

    /** The exchange's stated purpose (at most 8,000 UTF-8 bytes). */
    public Builder purpose(String purpose) {
      this.purpose = Optional.of(FieldRules.requireText("purpose", purpose, FieldRules.MAX_PURPOSE_BYTES));
      return this;
    }

    public Builder messageId(String messageId) {
      this.messageId = Optional.of(FieldRules.requireText("message id", messageId));
      return this;
    }

    public Builder outcome(AuditOutcome outcome) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
      return this;
    }

    public Builder subject(SubjectPseudonym subject) {
      this.subject = Optional.of(Objects.requireNonNull(subject, "subject"));
      return this;
    }

    /** @throws IllegalStateException if actor, action or outcome is missing */
    public AuditEvent build() {
      if (actor == null || action == null || outcome == null) {
        throw new IllegalStateException("an audit event needs an actor, an action and an outcome");
      }
      if (timestamp == null) {
        timestamp = Instant.now();
      }
      return new AuditEvent(this);
    }
  }
}
