package dev.shuqiao.hub.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog search index of one hub instance, in memory; the {@code resource} table stays the
 * source of truth. Per resource it keeps the lower-cased search text and the filter and facet
 * columns, and per gram (each code point and each pair of adjacent code points of a search text)
 * the resources having it. A query of one or two code points is answered by its own postings; a
 * longer one by the intersection of its bigrams' postings, checked with the substring match
 * itself, so the matches are exactly those of {@code search_text LIKE '%text%'}.
 *
 * <p>Before answering, a search reads the {@link CatalogChanges catalog change sequence}; if other
 * writes were committed since the index last looked (through this instance or another one on the
 * same database), it loads the changed resources first. So a search sees every catalog write
 * committed before it started. Changes are applied under a write lock, so a search never sees half
 * of one; searches run in parallel under the read lock. The hub builds the index when it starts.
 */
public final class SearchIndex {

  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
  private static final String COLUMNS = "code, provider_code, sharing_type, classification, format, search_text,"
      + " status, updated_at";

  /** The number of matches, the counts of each facet's values over all of them, and the codes of one page. */
  public record Hits(long total, Map<String, Map<String, Long>> facets, List<String> page) {}

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ReentrantLock loading = new ReentrantLock();
  private final IndexedResources resources = new IndexedResources();
  /** The last change applied; -1 before the first build. Written under the write lock. */
  private volatile long seq = -1;

  /** Searches the catalog as committed when this call started (reading and loading changes through {@code c}). */
  public Hits search(Connection c, ResourceQuery query) throws SQLException {
    catchUp(c);
    lock.readLock().lock();
    try {
      return resources.search(query);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Loads every change committed up to now (the whole catalog the first time); only one caller
   * loads, the others wait for it. Searches call this themselves; the hub calls it once at start so
   * that no request waits for the build.
   */
  public void catchUp(Connection c) throws SQLException {
    long current = CatalogChanges.current(c);
    if (current <= seq) {
      return;
    }
    loading.lock();
    try {
      if (current <= seq) {
        return;
      }
      long started = System.nanoTime();
      boolean build = seq < 0;
      // Changes up to `current` are committed; rows read now may be newer still, which is harmless:
      // their changes get applied again later, and applying a resource's latest row is idempotent.
      List<ResourceRow> rows = build ? load(c, "SELECT " + COLUMNS + " FROM resource", -1, -1)
          : load(c, "SELECT " + COLUMNS + " FROM resource WHERE code IN"
              + " (SELECT code FROM catalog_change WHERE seq > ? AND seq <= ?)", seq, current);
      lock.writeLock().lock();
      try {
        rows.forEach(resources::put);
        resources.reorder();
        if (build) {
          resources.trim();
        }
        seq = current;
      } finally {
        lock.writeLock().unlock();
      }
      if (build) {
        LOG.info("catalog search index built: {} resources in {} ms, about {} MB", resources.size(),
            (System.nanoTime() - started) / 1_000_000, resources.bytes() >> 20);
      }
    } finally {
      loading.unlock();
    }
  }

  private static List<ResourceRow> load(Connection c, String sql, long after, long upTo) throws SQLException {
    List<ResourceRow> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (after >= 0) {
        s.setLong(1, after);
        s.setLong(2, upTo);
      }
      s.setFetchSize(10_000); // PostgreSQL streams instead of holding the whole catalog twice
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(new ResourceRow(r.getString(1), r.getString(2), null, null, r.getString(3), r.getString(4),
              r.getString(5), r.getString(6), 0, r.getString(7), null, Sql.instant(r, 8)));
        }
      }
    }
    return rows;
  }

  /** Every distinct gram of {@code text}: each code point and each pair of adjacent code points. */
  static Set<String> grams(String text) {
    Set<String> grams = new LinkedHashSet<>();
    int[] points = text.codePoints().toArray();
    for (int i = 0; i < points.length; i++) {
      grams.add(new String(points, i, 1));
      if (i + 1 < points.length) {
        grams.add(new String(points, i, 2));
      }
    }
    return grams;
  }

  /** Every distinct pair of adjacent code points of {@code text}: a text containing the query has them all. */
  static Set<String> bigrams(String text) {
    Set<String> grams = new LinkedHashSet<>();
    int[] points = text.codePoints().toArray();
    for (int i = 0; i + 1 < points.length; i++) {
      grams.add(new String(points, i, 2));
    }
    return grams;
  }

  /** True if a query's own postings are its answer, without a substring check: one or two code points. */
  static boolean exact(String text) {
    return text.codePointCount(0, text.length()) <= 2;
  }
}
