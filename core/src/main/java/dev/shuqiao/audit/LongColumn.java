package dev.shuqiao.audit;

import java.util.ArrayList;
import java.util.List;

/** An append-only column of longs in pages (record offsets, index postings). */
final class LongColumn {

  private static final int PAGE = 1 << 13;

  private final List<long[]> pages = new ArrayList<>();
  private long size;

  long size() {
    return size;
  }

  void add(long value) {
    int slot = (int) (size % PAGE);
    if (slot == 0) {
      pages.add(new long[PAGE]);
    }
    pages.get(pages.size() - 1)[slot] = value;
    size++;
  }

  long get(long i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i + " of " + size);
    }
    return pages.get((int) (i / PAGE))[(int) (i % PAGE)];
  }
}
