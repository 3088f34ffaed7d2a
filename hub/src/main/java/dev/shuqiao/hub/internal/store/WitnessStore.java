package dev.shuqiao.hub.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The departments' audit logs the hub witnesses: per checkpoint origin, the department that owns it,
 * the note verifier key and hash suite it registered with its first checkpoint, and the latest
 * checkpoint the hub cosigned (the whole note, with both signatures).
 */
public final class WitnessStore {

  /** One witnessed log. */
  public record WitnessedLog(String origin, String departmentCode, String verifierKey, String hashSuite, long treeSize,
      String note, Instant firstSeen, Instant updatedAt) {}

  private static final String COLUMNS =
      "origin, department_code, verifier_key, hash_suite, tree_size, note, first_seen, updated_at";

  /** The log under {@code origin}, locked for update when {@code forUpdate}. */
  public Optional<WitnessedLog> find(Connection c, String origin, boolean forUpdate) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM witnessed_log WHERE origin = ?"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, origin);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new WitnessedLog(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            r.getLong(5), r.getString(6), Sql.instant(r, 7), Sql.instant(r, 8))) : Optional.empty();
      }
    }
  }

  public void insert(Connection c, WitnessedLog log) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO witnessed_log (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, log.origin());
      s.setString(2, log.departmentCode());
      s.setString(3, log.verifierKey());
      s.setString(4, log.hashSuite());
      s.setLong(5, log.treeSize());
      s.setString(6, log.note());
      Sql.setInstant(s, 7, log.firstSeen());
      Sql.setInstant(s, 8, log.updatedAt());
      s.executeUpdate();
    }
  }

  /** Replaces the held checkpoint if it still has {@code oldSize}; false if another publish came first. */
  public boolean advance(Connection c, String origin, long oldSize, long newSize, String note, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE witnessed_log SET tree_size = ?, note = ?, updated_at = ? WHERE origin = ? AND tree_size = ?")) {
      s.setLong(1, newSize);
      s.setString(2, note);
      Sql.setInstant(s, 3, now);
      s.setString(4, origin);
      s.setLong(5, oldSize);
      return s.executeUpdate() == 1;
    }
  }
}
