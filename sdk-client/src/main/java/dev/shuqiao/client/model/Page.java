package dev.shuqiao.client.model;

import java.util.List;

/** One page of a listing; {@code hasMore} says whether page {@code page + 1} has entries. */
public record Page<T>(List<T> items, int page, int size, boolean hasMore) {

  public Page {
    items = List.copyOf(items);
  }
}
