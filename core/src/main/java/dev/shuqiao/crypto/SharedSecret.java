package dev.shuqiao.crypto;

import java.util.Arrays;

/**
 * A Diffie-Hellman result held by a cache for reuse, within a time window and a number of uses.
 * Callers get a copy, which they zeroise themselves; the held array is zeroised once the window or
 * the uses run out, or when the cache drops it. The lock makes a copy and a concurrent
 * {@link #destroy()} exclude each other, so a caller never derives from a half-zeroised secret.
 */
final class SharedSecret {

  private final long notBeforeMillis;
  private final long notAfterMillis;
  private byte[] secret;
  private long usesLeft;

  /** Takes ownership of {@code secret}; usable at times in [notBefore, notAfter) and {@code uses} times. */
  SharedSecret(byte[] secret, long notBeforeMillis, long notAfterMillis, long uses) {
    this.secret = secret;
    this.notBeforeMillis = notBeforeMillis;
    this.notAfterMillis = notAfterMillis;
    this.usesLeft = uses;
  }

  /** Held until dropped: for a recipient's own agreements, which no window applies to. */
  static SharedSecret untilDropped(byte[] secret) {
    return new SharedSecret(secret, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /** A copy of the secret, counted as one use; null once it is used up, outside its window, or destroyed. */
  synchronized byte[] take(long nowMillis) {
    if (secret == null) {
      return null;
    }
    if (usesLeft <= 0 || nowMillis < notBeforeMillis || nowMillis >= notAfterMillis) {
      destroy();
      return null;
    }
    usesLeft--;
    return secret.clone();
  }

  synchronized void destroy() {
    if (secret != null) {
      Arrays.fill(secret, (byte) 0);
      secret = null;
    }
  }

  synchronized boolean isDestroyed() {
    return secret == null;
  }
}
