package dev.shuqiao.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only column of fixed-length hashes in pages, so it can outgrow a single Java array. The
 * first page starts small and doubles: upper tree levels and small logs stay small.
 */
final class HashColumn {

  private static final int PAGE_HASHES = 1 << 15;
  private static final int FIRST_PAGE_HASHES = 4;

  private final int hashLength;
  private final List<byte[]> pages = new ArrayList<>();
  private long size;

  HashColumn(int hashLength) {
    this.hashLength = hashLength;
  }

  long size() {
    return size;
  }

  void add(byte[] hash) {
    int slot = (int) (size % PAGE_HASHES);
    if (slot == 0) {
      pages.add(new byte[(pages.isEmpty() ? FIRST_PAGE_HASHES : PAGE_HASHES) * hashLength]);
    }
    int last = pages.size() - 1;
    byte[] page = pages.get(last);
    if (slot * hashLength == page.length) {
      page = java.util.Arrays.copyOf(page, Math.min(PAGE_HASHES, 2 * slot) * hashLength);
      pages.set(last, page);
    }
    System.arraycopy(hash, 0, page, slot * hashLength, hashLength);
    size++;
  }

  byte[] get(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("hash " + index + " of " + size);
    }
    byte[] page = pages.get((int) (index / PAGE_HASHES));
    int offset = (int) (index % PAGE_HASHES) * hashLength;
    byte[] out = new byte[hashLength];
    System.arraycopy(page, offset, out, 0, hashLength);
    return out;
  }
}
