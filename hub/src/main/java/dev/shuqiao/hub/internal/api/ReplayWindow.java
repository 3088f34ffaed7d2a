package dev.shuqiao.hub.internal.api;

/**
 * The request counters a signing session has used, as a sliding window (the anti-replay window of
 * IPsec, RFC 4303 §3.4.3): the highest counter seen and one bit for each of the {@value #WIDTH}
 * counters below it. A counter is accepted once; one older than the window is refused, since it
 * can no longer be told from a replay. Constant memory per session, whatever its number of requests.
 */
final class ReplayWindow {

  /** How far behind the highest counter a request may arrive (concurrent requests overtake each other). */
  static final int WIDTH = 1024;

  private final long[] seen = new long[WIDTH / 64];
  private long highest;

  /** Records {@code counter} (at least 1) and returns true if it was not used before and is not too old. */
  synchronized boolean accept(long counter) {
    if (counter <= 0) {
      return false;
    }
    if (counter > highest) {
      shift(counter - highest);
      highest = counter;
      seen[0] |= 1L;
      return true;
    }
    long behind = highest - counter;
    if (behind >= WIDTH) {
      return false;
    }
    int word = (int) (behind >>> 6);
    long bit = 1L << (behind & 63);
    if ((seen[word] & bit) != 0) {
      return false;
    }
    seen[word] |= bit;
    return true;
  }

  /** Moves every bit {@code by} places further behind (bit i of the window = counter highest - i). */
  private void shift(long by) {
    if (by >= WIDTH) {
      java.util.Arrays.fill(seen, 0L);
      return;
    }
    int words = (int) (by >>> 6);
    int bits = (int) (by & 63);
    for (int i = seen.length - 1; i >= 0; i--) {
      long from = i - words >= 0 ? seen[i - words] : 0L;
      long carry = i - words - 1 >= 0 ? seen[i - words - 1] : 0L;
      seen[i] = bits == 0 ? from : (from << bits) | (carry >>> (64 - bits));
    }
  }
}
