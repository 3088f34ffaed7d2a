package dev.shuqiao.client;

import dev.shuqiao.client.model.Page;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * A listing fetched page by page as it is iterated: {@code for (Grant g : client.listGrants(...))}
 * walks every entry; {@link #pages()} walks the pages themselves. Each iteration starts from page 0.
 */
public final class PagedIterable<T> implements Iterable<T> {

  private final IntFunction<Page<T>> fetch;

  PagedIterable(IntFunction<Page<T>> fetch) {
    this.fetch = fetch;
  }

  /** The pages, fetched lazily. */
  public Iterable<Page<T>> pages() {
    return () -> new Iterator<>() {
      private int next = 0;
      private boolean more = true;

      @Override
      public boolean hasNext() {
        return more;
      }

      @Override
      public Page<T> next() {
        if (!more) {
          throw new NoSuchElementException();
        }
        Page<T> page = fetch.apply(next++);
        more = page.hasMore();
        return page;
      }
    };
  }

  @Override
  public Iterator<T> iterator() {
    Iterator<Page<T>> pages = pages().iterator();
    return new Iterator<>() {
      private Iterator<T> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && pages.hasNext()) {
          current = pages.next().items().iterator();
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
