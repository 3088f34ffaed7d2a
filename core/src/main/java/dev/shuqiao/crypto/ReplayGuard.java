package dev.shuqiao.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Refuses an envelope whose created-at lies more than the window away from now, or whose message id
 * this department has already accepted from the same sender. Ids are kept only until created-at +
 * window: anything older is refused by the window check anyway, so storage stays bounded. Used by
 * {@link EnvelopeOpener} after an envelope authenticated, so forgeries cannot burn message ids.
 *
 * <pre>{@code
 * ReplayGuard guard = ReplayGuard.builder().window(Duration.ofMinutes(5)).build();  // in memory
 * }</pre>
 */
public final class ReplayGuard {

  private final Duration window;
  private final SeenMessages store;
  private final Clock clock;
  /** Purging scans the store, so it runs at most once a second rather than on every message. */
  private final java.util.concurrent.atomic.AtomicLong lastPurgeSecond = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

  private ReplayGuard(Builder builder) {
    this.window = builder.window;
    this.store = builder.store;
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Accepts a message once.
   *
   * @throws ReplayException if created-at is outside the window or the id was seen from this sender
   */
  public void check(Department sender, UUID messageId, Instant createdAt) {
    Instant now = clock.instant();
    if (createdAt.isBefore(now.minus(window)) || createdAt.isAfter(now.plus(window))) {
      throw new ReplayException("created-at is outside the accepted window of " + window);
    }
    long second = now.getEpochSecond();
    long last = lastPurgeSecond.get();
    if (second != last && lastPurgeSecond.compareAndSet(last, second)) {
      store.removeExpired(now);
    }
    if (!store.addIfAbsent(sender.creditCode() + "/" + messageId, createdAt.plus(window))) {
      throw new ReplayException("message " + messageId + " was already accepted");
    }
  }

  /** Builds a {@link ReplayGuard}; defaults: 5-minute window, in-memory store, system UTC clock. */
  public static final class Builder {
    private Duration window = Duration.ofMinutes(5);
    private SeenMessages store;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** How far created-at may lie from now, either way (clock skew plus transit). */
    public Builder window(Duration window) {
      if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("window must be positive and at most one day");
      }
      this.window = window;
      return this;
    }

    public Builder store(SeenMessages store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public ReplayGuard build() {
      if (store == null) {
        store = SeenMessages.inMemory();
      }
      return new ReplayGuard(this);
    }
  }
}
