package dev.shuqiao.hub.internal.service;

import dev.shuqiao.audit.Actor;
import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.audit.AuditEvent;
import dev.shuqiao.audit.AuditLog;
import dev.shuqiao.audit.AuditOutcome;
import java.time.Clock;

/**
 * Appends every hub state change to the audit log, inside the database transaction and before its
 * commit: a change that cannot be audited is not made. The action names what happened (including
 * {@code department.*}, {@code catalog.retire} and {@code grant.revoke}); the exact hub operation
 * also travels in the message id ({@code hub:<op>}), as it did before those actions existed.
 */
public final class Auditor {

  static final String SYSTEM = "shuqiao-hub";
  /** The system of an event an official caused through the web console (operator = the official). */
  static final String CONSOLE = "shuqiao-console";

  private final AuditLog log;
  private final Clock clock;

  public Auditor(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void record(Caller caller, AuditAction action, String operation, String resourceCode, String grantId) {
    AuditEvent built;
    try {
      built = event(caller, action, operation, resourceCode, grantId);
    } catch (IllegalArgumentException e) {
      // A value the audit log refuses (e.g. one shaped like a resident identity number): the change
      // is not made, and the client learns why instead of getting a 500.
      throw HubException.unprocessable("unauditable-value", "the change cannot be audited: " + e.getMessage(), null);
    }
    log.append(built);
  }

  /**
   * A console event without a hub object (sign-in, sign-out, official management): actor = the
   * official's department and the official's user name, outcome SUCCESS or DENIED.
   */
  public void console(Caller official, AuditAction action, AuditOutcome outcome, String operation) {
    AuditEvent built;
    try {
      built = AuditEvent.builder().actor(Actor.of(official.code(), CONSOLE, official.operator())).action(action)
          .messageId("console:" + operation).outcome(outcome).timestamp(clock.instant()).build();
    } catch (IllegalArgumentException e) {
      throw HubException.unprocessable("unauditable-value", "the change cannot be audited: " + e.getMessage(), null);
    }
    log.append(built);
  }

  /**
   * An exchange event (docs/exchange.md §8): message id, case id, grant id and resource code of the
   * exchange, actor = the consumer as the hub knows it.
   */
  void exchange(String consumer, AuditAction action, AuditOutcome outcome, String messageId, String resourceCode,
      String grantId, String caseId, java.util.List<String> items, String purpose) {
    log.append(exchangeEvent(consumer, action, outcome, messageId, resourceCode, grantId, caseId, items, purpose));
  }

  /**
   * {@link #exchange} without waiting for the disk: queued now (so it precedes every later append in
   * the log), the future completes once it is durable, or exceptionally if the log failed.
   */
  java.util.concurrent.CompletableFuture<Long> exchangeAsync(String consumer, AuditAction action,
      AuditOutcome outcome, String messageId, String resourceCode, String grantId, String caseId,
      java.util.List<String> items, String purpose) {
    return log.appendAsync(exchangeEvent(consumer, action, outcome, messageId, resourceCode, grantId, caseId, items,
        purpose));
  }

  private AuditEvent exchangeEvent(String consumer, AuditAction action, AuditOutcome outcome, String messageId,
      String resourceCode, String grantId, String caseId, java.util.List<String> items, String purpose) {
    AuditEvent built;
    try {
      AuditEvent.Builder event = AuditEvent.builder().actor(Actor.of(consumer, SYSTEM)).action(action)
          .messageId(messageId).outcome(outcome).timestamp(clock.instant()).resourceCode(resourceCode)
          .items(items).purpose(purpose); // what a citizen's receipt shows: which items, why
      if (grantId != null) {
        event.grantId(grantId);
      }
      if (caseId != null) {
        event.caseId(caseId);
      }
      built = event.build();
    } catch (IllegalArgumentException e) {
      throw HubException.unprocessable("unauditable-value", "the exchange cannot be audited: " + e.getMessage(), null);
    }
    return built;
  }

  private AuditEvent event(Caller caller, AuditAction action, String operation, String resourceCode, String grantId) {
    AuditEvent.Builder event = AuditEvent.builder()
        .actor(caller.operator() == null ? Actor.of(caller.code(), SYSTEM) : Actor.of(caller.code(), CONSOLE, caller.operator()))
        .action(action)
        .messageId("hub:" + operation)
        .outcome(AuditOutcome.SUCCESS)
        .timestamp(clock.instant());
    if (resourceCode != null) {
      event.resourceCode(resourceCode);
    }
    if (grantId != null) {
      event.grantId(grantId);
    }
    return event.build();
  }
}
