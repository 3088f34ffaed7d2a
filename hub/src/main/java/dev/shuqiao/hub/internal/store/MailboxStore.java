package dev.shuqiao.hub.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code mailbox_delivery}. Every state change is a conditional update on the expected
 * state (and offset), so two requests, two instances or a request racing the retention sweep can
 * never both advance one delivery: an offset is committed once, a delivery becomes READY once.
 */
public final class MailboxStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "message_id, provider_code, consumer_code, resource_code, items, grant_id,"
      + " case_id, purpose, size_bytes, digest, committed_offset, state, created_at, updated_at, expires_at";

  public Optional<MailboxRow> find(Connection c, String messageId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM mailbox_delivery WHERE message_id = ?")) {
      s.setString(1, messageId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  /** Inserts a new UPLOADING delivery; a unique violation if the message id is taken. */
  public void insert(Connection c, MailboxRow x) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO mailbox_delivery (" + COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, x.messageId());
      s.setString(2, x.providerCode());
      s.setString(3, x.consumerCode());
      s.setString(4, x.resourceCode());
      try {
        s.setString(5, JSON.writeValueAsString(x.items()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      s.setString(6, x.grantId());
      s.setString(7, x.caseId());
      s.setString(8, x.purpose());
      s.setLong(9, x.size());
      s.setString(10, x.digest());
      s.setLong(11, x.committedOffset());
      s.setString(12, x.state());
      Sql.setInstant(s, 13, x.createdAt());
      Sql.setInstant(s, 14, x.updatedAt());
      Sql.setInstant(s, 15, x.expiresAt());
      s.executeUpdate();
    }
  }

  /** Commits a chunk: {@code from} → {@code to} while UPLOADING at {@code from}; false otherwise. */
  public boolean advance(Connection c, String messageId, long from, long to, Instant now, Instant expiresAt)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE mailbox_delivery SET committed_offset = ?, updated_at = ?,"
        + " expires_at = ? WHERE message_id = ? AND state = 'UPLOADING' AND committed_offset = ? AND ? <= size_bytes")) {
      s.setLong(1, to);
      Sql.setInstant(s, 2, now);
      Sql.setInstant(s, 3, expiresAt);
      s.setString(4, messageId);
      s.setLong(5, from);
      s.setLong(6, to);
      return s.executeUpdate() == 1;
    }
  }

  /** UPLOADING with every byte committed → READY, once; false if not in that state. */
  public boolean ready(Connection c, String messageId, Instant now, Instant expiresAt) throws SQLException {
    return transition(c, messageId, "state = 'UPLOADING' AND committed_offset = size_bytes", MailboxRow.READY, now,
        expiresAt, null);
  }

  /** READY → ACKED by its consumer; false if not READY or not that consumer's. */
  public boolean acknowledge(Connection c, String messageId, String consumer, Instant now) throws SQLException {
    return transition(c, messageId, "state = 'READY'", MailboxRow.ACKED, now, now, consumer);
  }

  /** UPLOADING or READY → DISCARDED (abandoned, refused, expired); false if already final. */
  public boolean discard(Connection c, String messageId, Instant now) throws SQLException {
    return transition(c, messageId, "state IN ('UPLOADING', 'READY')", MailboxRow.DISCARDED, now, now, null);
  }

  private static boolean transition(Connection c, String messageId, String condition, String state, Instant now,
      Instant expiresAt, String consumer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE mailbox_delivery SET state = ?, updated_at = ?,"
        + " expires_at = ? WHERE message_id = ? AND " + condition + (consumer == null ? "" : " AND consumer_code = ?"))) {
      s.setString(1, state);
      Sql.setInstant(s, 2, now);
      Sql.setInstant(s, 3, expiresAt);
      s.setString(4, messageId);
      if (consumer != null) {
        s.setString(5, consumer);
      }
      return s.executeUpdate() == 1;
    }
  }

  /** The consumer's READY deliveries, oldest first, after {@code afterMessageId}'s place (null: from the start). */
  public List<MailboxRow> listReady(Connection c, String consumer, Instant afterCreatedAt, String afterMessageId, int limit)
      throws SQLException {
    String keyset = afterCreatedAt == null ? ""
        : " AND (created_at > ? OR (created_at = ? AND message_id > ?))";
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM mailbox_delivery WHERE consumer_code = ?"
        + " AND state = 'READY'" + keyset + " ORDER BY created_at, message_id LIMIT " + limit)) {
      s.setString(1, consumer);
      if (afterCreatedAt != null) {
        Sql.setInstant(s, 2, afterCreatedAt);
        Sql.setInstant(s, 3, afterCreatedAt);
        s.setString(4, afterMessageId);
      }
      List<MailboxRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
      return rows;
    }
  }

  /** Bytes reserved in a consumer's mailbox: the declared sizes of its UPLOADING and READY deliveries. */
  public long reservedBytes(Connection c, String consumer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(size_bytes), 0) FROM mailbox_delivery"
        + " WHERE consumer_code = ? AND state IN ('UPLOADING', 'READY')")) {
      s.setString(1, consumer);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Message ids of UPLOADING or READY deliveries whose retention ran out by {@code now}. */
  public List<String> expired(Connection c, Instant now, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT message_id FROM mailbox_delivery"
        + " WHERE state IN ('UPLOADING', 'READY') AND expires_at <= ? ORDER BY expires_at LIMIT " + limit)) {
      Sql.setInstant(s, 1, now);
      List<String> ids = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getString(1));
        }
      }
      return ids;
    }
  }

  private static MailboxRow row(ResultSet r) throws SQLException {
    List<String> items;
    try {
      items = JSON.readValue(r.getString(5), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt items of mailbox delivery " + r.getString(1), e);
    }
    return new MailboxRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), items, r.getString(6),
        r.getString(7), r.getString(8), r.getLong(9), r.getString(10), r.getLong(11), r.getString(12),
        Sql.instant(r, 13), Sql.instant(r, 14), Sql.instant(r, 15));
  }
}
