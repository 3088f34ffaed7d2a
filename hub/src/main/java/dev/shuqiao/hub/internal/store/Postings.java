package dev.shuqiao.hub.internal.store;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The ids of the resources whose search text has one gram: a sorted {@code int} array while few
 * have it, a bitset once more than one resource in 32 does (then the bitset is the smaller of the
 * two, and membership is one bit test). Not thread-safe: {@link SearchIndex} guards it.
 */
final class Postings {

  private int[] ids = new int[2];
  private long[] bits; // non-null once dense
  private int size;

  int size() {
    return size;
  }

  /** Adds {@code id} of a catalog of {@code universe} ids; appending the largest id so far is the cheap case. */
  void add(int id, int universe) {
    if (bits != null) {
      if (bits.length <= id >>> 6) {
        bits = Arrays.copyOf(bits, Math.max(bits.length * 2, (id >>> 6) + 1));
      }
      if ((bits[id >>> 6] & (1L << id)) == 0) {
        bits[id >>> 6] |= 1L << id;
        size++;
      }
      return;
    }
    int at = size;
    if (size > 0 && ids[size - 1] >= id) {
      int found = Arrays.binarySearch(ids, 0, size, id);
      if (found >= 0) {
        return;
      }
      at = -found - 1;
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size + Math.max(2, size >> 1));
    }
    System.arraycopy(ids, at, ids, at + 1, size - at);
    ids[at] = id;
    size++;
    if (size >= 64 && (long) size * 32 > universe) {
      toBits();
    }
  }

  void remove(int id) {
    if (bits != null) {
      if (contains(id)) {
        bits[id >>> 6] &= ~(1L << id);
        size--;
      }
      return;
    }
    int found = Arrays.binarySearch(ids, 0, size, id);
    if (found >= 0) {
      System.arraycopy(ids, found + 1, ids, found, size - found - 1);
      size--;
    }
  }

  boolean contains(int id) {
    if (bits != null) {
      return id >>> 6 < bits.length && (bits[id >>> 6] & (1L << id)) != 0;
    }
    return Arrays.binarySearch(ids, 0, size, id) >= 0;
  }

  /** Every id, ascending. */
  void forEach(IntConsumer action) {
    if (bits == null) {
      for (int i = 0; i < size; i++) {
        action.accept(ids[i]);
      }
      return;
    }
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        action.accept((w << 6) + Long.numberOfTrailingZeros(word));
        word &= word - 1;
      }
    }
  }

  /** Releases the spare capacity left by growing (after a bulk build). */
  void trim() {
    if (bits == null && ids.length > size) {
      ids = Arrays.copyOf(ids, size);
    }
  }

  /** Approximate heap bytes, for the size reported after a build. */
  long bytes() {
    return 40 + (bits == null ? 16 + 4L * ids.length : 16 + 8L * bits.length);
  }

  private void toBits() {
    bits = new long[(ids[size - 1] >>> 6) + 1];
    for (int i = 0; i < size; i++) {
      bits[ids[i] >>> 6] |= 1L << ids[i];
    }
    ids = null;
  }
}
