package dev.shuqiao.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the runner talks to the exchange channel, in two phases so that a crash between them loses
 * nothing: {@link #prepare} seals the query (a message id and the exact bytes the journal keeps
 * before anything is sent), {@link #send} sends it. {@link #restore} rebuilds a prepared exchange
 * from its bytes after a restart, so the runner resends the identical bytes and the hub's idempotency
 * (docs/exchange.md §6) answers with the stored result instead of asking the provider again.
 */
interface StepExchange {

  Prepared prepare(Call call);

  Prepared restore(byte[] bytes);

  /** The delivered records (each an object of item → value). */
  List<ObjectNode> send(Prepared prepared) throws Failure;

  /** A prepared exchange: its message id, and the bytes that rebuild it. */
  interface Prepared {
    UUID messageId();

    byte[] bytes();
  }

  /** One step's exchange, as the runner asks for it. */
  record Call(String resourceCode, String providerCode, List<String> items, Map<String, String> parameters,
      String subject, String purpose, String caseId, String grantId, Duration timeout) {}

  /**
   * An attempt that did not deliver. {@code spent}: the hub gave this message id a final answer, so a
   * new attempt needs a new message id; otherwise the outcome is unknown (no answer, in progress) and
   * the same bytes must be sent again. {@code denied}: a refusal by policy rather than a failure.
   * The message names no personal data.
   */
  final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean spent;
    final boolean denied;
    final transient Duration retryAfter;

    Failure(String reason, boolean spent, boolean denied, Duration retryAfter) {
      super(reason);
      this.spent = spent;
      this.denied = denied;
      this.retryAfter = retryAfter;
    }
  }
}
