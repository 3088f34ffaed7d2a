package dev.shuqiao.hub.internal.api;

import dev.shuqiao.hub.internal.service.HubException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed authentications per source address: after {@code maxFailures} 401s within one
 * window the source gets 429 {@code too-many-authentication-failures} (with {@code Retry-After})
 * until the window ends, for every request, valid or not. A success clears the count. The table is
 * bounded: past {@code MAX_SOURCES} entries expired windows are dropped, and if none expired the
 * new source is counted in a shared overflow bucket (fails closed rather than unlimited).
 */
final class AuthFailureLimiter {

  static final int MAX_SOURCES = 10_000;
  private static final String OVERFLOW = "overflow";

  private record Window(Instant start, int failures) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;

  AuthFailureLimiter(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** Throws 429 when {@code source} is over its limit in the current window. */
  void check(String source) {
    Window w = windows.get(key(source));
    Instant now = clock.instant();
    if (w != null && w.failures() >= maxFailures && now.isBefore(w.start().plus(window))) {
      long seconds = Math.max(1, Duration.between(now, w.start().plus(window)).toSeconds());
      throw new HubException(429, "too-many-authentication-failures", "Too many failed authentications",
          "this source failed to authenticate " + maxFailures + " times within " + window.toSeconds()
              + " s; retry later").retryAfter(seconds);
    }
  }

  void failed(String source) {
    Instant now = clock.instant();
    if (windows.size() >= MAX_SOURCES) {
      windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
    }
    windows.compute(key(source), (k, w) -> w == null || !now.isBefore(w.start().plus(window))
        ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
  }

  void succeeded(String source) {
    Window w = windows.get(source);
    if (w != null && w.failures() < maxFailures) {
      windows.remove(source);
    }
  }

  private String key(String source) {
    return windows.containsKey(source) || windows.size() < MAX_SOURCES ? source : OVERFLOW;
  }
}
