package dev.shuqiao.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only column of longs in pages (record offsets, index postings). The first page starts
 * small and doubles, because the query index holds one column per case id and most cases have a
 * handful of entries.
 */
final class LongColumn {

  private static final int PAGE = 1 << 13;
  private static final int FIRST_PAGE = 4;

  private final List<long[]> pages = new ArrayList<>();
  private long size;

  long size() {
    return size;
  }

  void add(long value) {
    int slot = (int) (size % PAGE);
    if (slot == 0) {
      pages.add(new long[pages.isEmpty() ? FIRST_PAGE : PAGE]);
    }
    int last = pages.size() - 1;
    long[] page = pages.get(last);
    if (slot == page.length) {
      page = java.util.Arrays.copyOf(page, Math.min(PAGE, page.length * 2));
      pages.set(last, page);
    }
    page[slot] = value;
    size++;
  }

  long get(long i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i + " of " + size);
    }
    return pages.get((int) (i / PAGE))[(int) (i % PAGE)];
  }
}
