package dev.shuqiao.crypto;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SeenMessages} in a concurrent map. */
final class InMemorySeenMessages implements SeenMessages {

  private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();

  @Override
  public boolean addIfAbsent(String key, Instant expiresAt) {
    return seen.putIfAbsent(key, expiresAt) == null;
  }

  @Override
  public void removeExpired(Instant now) {
    seen.values().removeIf(expiry -> expiry.isBefore(now));
  }

  int size() {
    return seen.size();
  }
}
