package dev.shuqiao.crypto;

import java.time.Instant;

/**
 * Storage behind a {@link ReplayGuard}: remembers message keys until they expire. Implementations
 * must make {@link #addIfAbsent} atomic across every node that opens envelopes for the department
 * (a unique-key insert in JDBC). {@link #inMemory()} serves one JVM.
 */
public interface SeenMessages {

  /**
   * Records {@code key} until {@code expiresAt}.
   *
   * @return true if the key was new, false if it is already recorded (a replay)
   */
  boolean addIfAbsent(String key, Instant expiresAt);

  /** Forgets keys whose expiry is before {@code now}. */
  void removeExpired(Instant now);

  /** A thread-safe store in this JVM's memory; it forgets everything on restart. */
  static SeenMessages inMemory() {
    return new InMemorySeenMessages();
  }
}
