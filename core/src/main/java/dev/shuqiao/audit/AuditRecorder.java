package dev.shuqiao.audit;

/**
 * Where audited actions are recorded. {@link AuditLog} is the implementation; the servlet filter
 * and the {@code @Audited} interceptor in {@code dev.shuqiao.audit.hook} depend only on this, so
 * the hub and the SDK hand them their log unchanged.
 */
@FunctionalInterface
public interface AuditRecorder {

  /**
   * Records {@code event} durably and returns its index.
   *
   * @throws AuditException if it could not be recorded; callers must then not complete the action
   */
  long record(AuditEvent event);

  /**
   * Whether an event of {@code action} for exchange {@code messageId} is already recorded. A consumer
   * that resends an exchange prepared before a restart asks it, so that the exchange's request is
   * recorded once however often its identical bytes are sent. A recorder that cannot tell answers
   * {@code false} (the default), and the event is then recorded again.
   */
  default boolean contains(String messageId, AuditAction action) {
    return false;
  }
}
