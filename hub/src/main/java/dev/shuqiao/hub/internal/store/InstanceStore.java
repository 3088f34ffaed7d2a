package dev.shuqiao.hub.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hub instances that share this database, each with its own audit log: the log's checkpoint
 * origin and the note verifier key its checkpoints are signed with. One origin belongs to one key,
 * so two instances never publish two different checkpoint series under one name (a verifier would
 * take that for a forked log).
 */
public final class InstanceStore {

  private static final String COLUMNS = "origin, verifier_key, first_seen, last_seen";

  /** One instance's checkpoint series. */
  public record Instance(String origin, String verifierKey, Instant firstSeen, Instant lastSeen) {}

  /**
   * Records that the instance publishing {@code origin} with {@code verifierKey} runs now.
   *
   * @throws IllegalStateException if {@code origin} belongs to a different key
   */
  public void register(Connection c, String origin, String verifierKey, Instant now) throws SQLException {
    Optional<Instance> existing = find(c, origin);
    if (existing.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO hub_instance (origin, verifier_key, first_seen, last_seen) VALUES (?, ?, ?, ?)")) {
        s.setString(1, origin);
        s.setString(2, verifierKey);
        Sql.setInstant(s, 3, now);
        Sql.setInstant(s, 4, now);
        s.executeUpdate();
      }
      return;
    }
    if (!existing.get().verifierKey().equals(verifierKey)) { // public keys: no constant time needed
      throw new IllegalStateException("the audit origin '" + origin + "' already belongs to a hub instance with another"
          + " checkpoint key (first seen " + existing.get().firstSeen() + "); give every instance its own audit origin"
          + " (hub.yaml audit.origin), and a new one to an instance whose data directory was replaced");
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE hub_instance SET last_seen = ? WHERE origin = ?")) {
      Sql.setInstant(s, 1, now);
      s.setString(2, origin);
      s.executeUpdate();
    }
  }

  /** Every instance that ever served this database, by origin. */
  public List<Instance> list(Connection c) throws SQLException {
    List<Instance> instances = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM hub_instance ORDER BY origin");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        instances.add(instance(r));
      }
    }
    return instances;
  }

  private static Optional<Instance> find(Connection c, String origin) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM hub_instance WHERE origin = ?")) {
      s.setString(1, origin);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(instance(r)) : Optional.empty();
      }
    }
  }

  private static Instance instance(ResultSet r) throws SQLException {
    return new Instance(r.getString(1), r.getString(2), Sql.instant(r, 3), Sql.instant(r, 4));
  }
}
