package dev.shuqiao.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Bounded, insertion-ordered: the oldest replies are dropped first, expired ones on every put. */
final class InMemoryIdempotencyStore implements IdempotencyStore {

  private record Entry(byte[] reply, Instant expiresAt) {}

  private final int maxEntries;
  private final Duration retention;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  InMemoryIdempotencyStore(int maxEntries, Duration retention, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
    this.maxEntries = maxEntries;
    this.retention = retention;
    this.clock = clock;
  }

  @Override
  public synchronized Optional<byte[]> find(String key) {
    Entry entry = entries.get(key);
    if (entry == null || entry.expiresAt().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(entry.reply().clone());
  }

  @Override
  public synchronized void put(String key, byte[] reply, Instant keepUntil) {
    Instant now = clock.instant();
    for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      if (!it.next().getValue().expiresAt().isBefore(now)) {
        break; // insertion order is roughly expiry order; stop at the first live entry
      }
      it.remove();
    }
    entries.remove(key);
    entries.put(key, new Entry(reply.clone(), keepUntil.plus(retention)));
    while (entries.size() > maxEntries) {
      Iterator<String> oldest = entries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
