package dev.shuqiao.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries idempotent calls after an I/O error or a 503: {@code maxRetries} more
 * attempts (default 3), exponential backoff from {@code baseDelay} (default 200 ms) capped at
 * {@code maxDelay} (default 5 s) with full jitter; a {@code Retry-After} from the hub is honoured
 * (up to {@code maxDelay}). Every attempt carries the same request id and idempotency key.
 */
public record RetryOptions(int maxRetries, Duration baseDelay, Duration maxDelay) {

  public RetryOptions {
    if (maxRetries < 0 || maxRetries > 10) {
      throw new IllegalArgumentException("maxRetries must be 0..10");
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
    }
  }

  /** 3 retries, 200 ms base, 5 s cap. */
  public static RetryOptions defaults() {
    return new RetryOptions(3, Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  /** No retries. */
  public static RetryOptions none() {
    return new RetryOptions(0, Duration.ZERO, Duration.ZERO);
  }

  /** Delay before retry number {@code retry} (1-based): random in [0, min(max, base * 2^(retry-1))]. */
  Duration backoff(int retry, double random) {
    long cap = maxDelay.toMillis();
    long exponential = baseDelay.toMillis() << Math.min(retry - 1, 20);
    return Duration.ofMillis((long) (Math.min(cap, exponential) * random));
  }
}
