package dev.shuqiao.hub.internal.service;

import java.time.Duration;

/**
 * One provider's circuit (docs/exchange.md §5): after {@code threshold} consecutive failures it is
 * open for {@code openFor}; then one exchange goes through (half-open), whose success closes it and
 * whose failure opens it again. A refusal by the provider is an answer, so it counts as a success.
 */
final class CircuitBreaker {

  private final int threshold;
  private final long openNanos;
  private int failures;
  private long openUntil;
  private boolean open;
  private boolean trialOut;

  CircuitBreaker(int threshold, Duration openFor) {
    this.threshold = threshold;
    this.openNanos = openFor.toNanos();
  }

  /** 0 if an exchange may go through now, otherwise whole seconds until the next trial (at least 1). */
  synchronized long admit() {
    if (!open) {
      return 0;
    }
    long left = openUntil - System.nanoTime();
    if (left > 0) {
      return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }
    if (trialOut) {
      return 1;
    }
    trialOut = true;
    return 0;
  }

  synchronized void success() {
    failures = 0;
    open = false;
    trialOut = false;
  }

  synchronized void failure() {
    failures++;
    if (trialOut || failures >= threshold) {
      open = true;
      trialOut = false;
      openUntil = System.nanoTime() + openNanos;
    }
  }

  /** An admitted exchange that ended before reaching the provider: neither outcome, let another trial go. */
  synchronized void abandon() {
    trialOut = false;
  }
}
