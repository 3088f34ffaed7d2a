package dev.shuqiao.hub.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The catalog change sequence, which keeps every hub instance's {@link SearchIndex} in step with
 * the database. Every write to {@code resource} takes the next number from the single row of
 * {@code catalog_seq} ({@code UPDATE ... SET seq = seq + 1}, whose row lock is held until commit,
 * so sequence order is commit order) and records {@code (seq, code)} in {@code catalog_change}, in
 * the same transaction. Hence once a reader sees {@code seq = n}, every change numbered up to
 * {@code n} is committed and visible.
 */
final class CatalogChanges {

  private CatalogChanges() {}

  /**
   * Takes the counter's row lock without changing it. Catalog writes call this first, so they all
   * queue on the counter before locking any resource row, and two of them can never deadlock.
   */
  static void lock(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT seq FROM catalog_seq WHERE id = 1 FOR UPDATE");
        ResultSet r = s.executeQuery()) {
      r.next();
    }
  }

  /** Numbers a change of each of {@code codes} (in this order) and records them. */
  static void record(Connection c, List<String> codes) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE catalog_seq SET seq = seq + ? WHERE id = 1")) {
      s.setInt(1, codes.size());
      s.executeUpdate();
    }
    long last = current(c);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO catalog_change (seq, code) VALUES (?, ?)")) {
      long seq = last - codes.size();
      int batched = 0;
      for (String code : codes) {
        s.setLong(1, ++seq);
        s.setString(2, code);
        s.addBatch();
        if (++batched % 10_000 == 0) {
          s.executeBatch();
        }
      }
      s.executeBatch();
    }
  }

  /** The number of the last committed change (as this transaction sees it). */
  static long current(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT seq FROM catalog_seq WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new SQLException("catalog_seq has no row: the V4 migration did not run");
      }
      return r.getLong(1);
    }
  }
}
