package dev.shuqiao.audit;

/**
 * Vendor extension point: called once for every entry after it is durably in the log, e.g. to
 * forward it to a SIEM. A hook sees only the appended entry; it cannot veto, alter or skip the
 * write, which has already happened. An exception from a hook is logged and otherwise ignored, so
 * a broken sink never loses an audit record nor fails the audited action.
 *
 * <p>Hooks are added with {@link AuditLog.Builder#addHook} or found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.shuqiao.audit.AuditHook}) when the builder is told to
 * {@link AuditLog.Builder#loadHooks()}. They are called on the appending thread (for {@link
 * AuditLog#appendAsync}, on the thread that forced the entry, before its future completes),
 * concurrently when several threads append and not necessarily in index order (use {@link
 * AuditEntry#index()}): keep them quick and thread-safe, or hand off to a queue.
 */
@FunctionalInterface
public interface AuditHook {

  void onAppended(AuditEntry entry);
}
