package dev.shuqiao.hub.internal.api;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Request counters in the Prometheus text format, served at {@code GET /metrics}. */
final class Metrics {

  private final AtomicLongArray byStatusClass = new AtomicLongArray(6);
  private final LongAdder nanos = new LongAdder();
  private final LongAdder authFailures = new LongAdder();
  private final LongAdder replays = new LongAdder();

  void record(int status, long elapsedNanos) {
    byStatusClass.incrementAndGet(Math.min(5, Math.max(1, status / 100)));
    nanos.add(elapsedNanos);
    if (status == 401) {
      authFailures.increment();
    }
  }

  private volatile boolean crlNextUpdateNear;

  void crlNextUpdateNear(boolean near) {
    crlNextUpdateNear = near;
  }

  void idempotentReplay() {
    replays.increment();
  }

  String render(long auditEntries) {
    StringBuilder text = new StringBuilder();
    text.append("# TYPE shuqiao_hub_requests_total counter\n");
    for (int i = 1; i <= 5; i++) {
      text.append("shuqiao_hub_requests_total{status=\"").append(i).append("xx\"} ").append(byStatusClass.get(i)).append('\n');
    }
    text.append("# TYPE shuqiao_hub_request_seconds_sum counter\n")
        .append("shuqiao_hub_request_seconds_sum ").append(nanos.sum() / 1e9).append('\n')
        .append("# TYPE shuqiao_hub_authentication_failures_total counter\n")
        .append("shuqiao_hub_authentication_failures_total ").append(authFailures.sum()).append('\n')
        .append("# TYPE shuqiao_hub_idempotent_replays_total counter\n")
        .append("shuqiao_hub_idempotent_replays_total ").append(replays.sum()).append('\n')
        .append("# TYPE shuqiao_hub_audit_entries gauge\n")
        .append("shuqiao_hub_audit_entries ").append(auditEntries).append('\n')
        .append("# TYPE shuqiao_hub_crl_next_update_near gauge\n")
        .append("shuqiao_hub_crl_next_update_near ").append(crlNextUpdateNear ? 1 : 0).append('\n');
    return text.toString();
  }
}
