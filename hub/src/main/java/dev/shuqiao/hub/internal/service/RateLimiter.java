package dev.shuqiao.hub.internal.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per consumer (per hub instance): {@code ratePerSecond} refill, {@code burst} capacity. */
final class RateLimiter {

  private final double ratePerNano;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  RateLimiter(double ratePerSecond, int burst) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
  }

  /** 0 if a token was taken, otherwise the whole seconds until one will be there (at least 1). */
  long acquire(String consumer) {
    long now = System.nanoTime();
    Bucket bucket = buckets.computeIfAbsent(consumer, c -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * ratePerNano);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / 1e9));
    }
  }
}
