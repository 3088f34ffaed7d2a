package dev.shuqiao.provider;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditOutcome;
import dev.shuqiao.audit.AuditRecorder;
import dev.shuqiao.audit.SubjectPseudonymizer;
import dev.shuqiao.exchange.ExchangeTicket;
import java.time.Clock;

/**
 * The provider's audit records (docs/exchange.md §8): actor, message id, case, grant and resource
 * all from the hub-signed ticket (whose consumer the opened envelope's sender has been checked
 * against), the subject only as a keyed pseudonym. Nothing is taken from request headers.
 */
final class ProviderAudit {

  /** The actor's system: the provider learns the consumer department, not which of its systems asked. */
  static final String CONSUMER_SYSTEM = "shuqiao-exchange";

  private final AuditRecorder recorder;
  private final SubjectPseudonymizer pseudonymizer;
  private final Clock clock;

  ProviderAudit(AuditRecorder recorder, SubjectPseudonymizer pseudonymizer, Clock clock) {
    this.recorder = recorder;
    this.pseudonymizer = pseudonymizer;
    this.clock = clock;
  }

  /** Records one event; an {@link dev.shuqiao.audit.AuditException} propagates (the caller fails closed). */
  void record(ExchangeTicket ticket, AuditAction action, AuditOutcome outcome, String subject) {
    AuditEvent.Builder event = AuditEvent.builder()
        .actor(Actor.of(ticket.consumer(), CONSUMER_SYSTEM))
        .action(action)
        .outcome(outcome)
        .resourceCode(ticket.resourceCode())
        .messageId(ticket.messageId().toString())
        .items(ticket.items())
        .purpose(ticket.purpose())
        .timestamp(clock.instant());
    ticket.caseId().ifPresent(event::caseId);
    ticket.grantId().ifPresent(event::grantId);
    if (subject != null && !subject.isBlank()) {
      event.subject(pseudonymizer.pseudonymize(subject));
    }
    recorder.record(event.build());
  }
}
