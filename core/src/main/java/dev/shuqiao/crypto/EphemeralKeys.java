package dev.shuqiao.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A sealer's ephemeral agreement keys, one per recipient key, reused for a bounded lifetime and
 * number of uses before a fresh one is made. Reuse saves the ephemeral key generation and the
 * {@code e · R} multiplication on the sender and, through the recipient's agreement cache, the
 * {@code d · E} on the recipient. It is safe because every wrap draws its own salt, so each wrap has
 * its own AES-GCM key and nonce (see {@link KeyWrap}). Only the public values and the shared secret
 * are kept; the ephemeral private key is discarded as soon as the secret is computed.
 *
 * <p>Thread-safe. Two threads that find no live key at once may both make one; the later one stays.
 * Held secrets are zeroised when they are used up, replaced or evicted (least recently used beyond
 * {@value #MAX_RECIPIENTS} recipient keys), and when their lifetime ends: a shared daemon thread
 * zeroises each one at the end of its lifetime in real time even if the sealer is never used again,
 * so a memory snapshot of an idle sealer holds no expired secret.
 */
final class EphemeralKeys {

  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  static final Duration MAX_LIFETIME = Duration.ofHours(1);
  static final long DEFAULT_MAX_USES = 1L << 20;
  static final int MAX_RECIPIENTS = 1024;

  /** A fresh ephemeral key for every wrap. */
  static final EphemeralKeys NONE = new EphemeralKeys(Duration.ZERO, 1, Clock.systemUTC());

  /** An ephemeral agreement with one recipient: the public values E and R, and Z (the caller's copy). */
  record Agreed(byte[] ephemeral, byte[] recipient, byte[] shared) {}

  /** What is kept per recipient key; E and R are public and never modified. */
  private record Held(byte[] ephemeral, byte[] recipient, SharedSecret secret) {}

  private final long lifetimeMillis;
  private final long maxUses;
  private final Clock clock;
  private final java.util.function.Supplier<ScheduledExecutorService> expiry;
  private final LruCache<ByteBuffer, Held> held = new LruCache<>(MAX_RECIPIENTS, h -> h.secret().destroy());

  /** Created on first use only: a sealer with reuse turned off starts no thread. */
  private static final class Expiry {
    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "shuqiao-ephemeral-key-expiry");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * @throws IllegalArgumentException if {@code lifetime} is negative or over {@link #MAX_LIFETIME},
   *     or {@code maxUses} is not positive
   */
  EphemeralKeys(Duration lifetime, long maxUses, Clock clock) {
    this(lifetime, maxUses, clock, () -> Expiry.TIMER);
  }

  /** With {@code expiry} running the zeroisation at the end of each lifetime (a test holds it up). */
  EphemeralKeys(Duration lifetime, long maxUses, Clock clock, java.util.function.Supplier<ScheduledExecutorService> expiry) {
    this.lifetimeMillis = checkLifetime(lifetime).toMillis();
    this.maxUses = checkUses(maxUses);
    this.clock = clock;
    this.expiry = expiry;
  }

  static Duration checkLifetime(Duration lifetime) {
    if (lifetime.isNegative() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("ephemeral key lifetime must be between 0 and 1 hour, was " + lifetime);
    }
    return lifetime;
  }

  static long checkUses(long maxUses) {
    if (maxUses < 1) {
      throw new IllegalArgumentException("ephemeral key uses must be positive, was " + maxUses);
    }
    return maxUses;
  }

  /** The agreement to wrap for {@code recipient} (a P-256 or Ed25519 key): the live one, or a fresh one. */
  Agreed agreement(PublicKey recipient, SecureRandom random) throws GeneralSecurityException {
    if (lifetimeMillis == 0) {
      return KeyWrap.agree(recipient, random);
    }
    ByteBuffer key = ByteBuffer.wrap(recipient.getEncoded());
    long now = clock.millis();
    Held live = held.get(key);
    byte[] shared = live == null ? null : live.secret().take(now);
    if (shared != null) {
      return new Agreed(live.ephemeral(), live.recipient(), shared);
    }
    Agreed fresh = KeyWrap.agree(recipient, random);
    SharedSecret secret = new SharedSecret(fresh.shared().clone(), now, now + lifetimeMillis, maxUses - 1);
    expiry.get().schedule(secret::destroy, lifetimeMillis, TimeUnit.MILLISECONDS);
    held.put(key, new Held(fresh.ephemeral(), fresh.recipient(), secret));
    return fresh;
  }

  /** How many recipient keys have an entry now (its secret live or already zeroised); for tests. */
  int size() {
    return held.size();
  }

  /** How many held secrets are not zeroised yet; for tests. */
  long liveSecrets() {
    return held.values().stream().filter(h -> !h.secret().isDestroyed()).count();
  }
}
