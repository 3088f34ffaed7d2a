package dev.shuqiao.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The replies a provider already gave, by exchange (docs/exchange.md §6): a relay message repeating
 * an answered exchange gets the stored reply again, without running the handler or auditing twice.
 * Keys are {@code messageId/requestDigest}, values the reply bytes. Implementations are
 * thread-safe; a durable one lets the guarantee survive a provider restart.
 *
 * <pre>{@code
 * IdempotencyStore store = IdempotencyStore.inMemory(100_000, Duration.ofMinutes(15));
 * }</pre>
 */
public interface IdempotencyStore {

  /** The reply stored under {@code key}, if it is still kept. */
  Optional<byte[]> find(String key);

  /** Stores {@code reply} under {@code key}, to be kept at least until {@code keepUntil}. */
  void put(String key, byte[] reply, Instant keepUntil);

  /**
   * An in-memory store of at most {@code maxEntries} replies, each kept {@code retention} past its
   * requested time (the oldest go first when full; keep retention at least the hub's ticket
   * lifetime).
   */
  static IdempotencyStore inMemory(int maxEntries, Duration retention) {
    return new InMemoryIdempotencyStore(maxEntries, retention, java.time.Clock.systemUTC());
  }
}
