package dev.shuqiao.hub.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code exchange} table: claims on PENDING rows are conditional updates, so instances never relay one message twice at once. */
public final class ExchangeStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "message_id, consumer_code, provider_code, resource_code, items, grant_id, purpose,"
      + " case_id, request_digest, state, owner_run, lease_until, http_status, ticket, response, problem, created_at, updated_at";

  public Optional<ExchangeRow> find(Connection c, String messageId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM exchange WHERE message_id = ?")) {
      s.setString(1, messageId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  /** Inserts a new exchange; a unique violation if the message id is taken. */
  public void insert(Connection c, ExchangeRow x) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO exchange (" + COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, x.messageId());
      s.setString(2, x.consumerCode());
      s.setString(3, x.providerCode());
      s.setString(4, x.resourceCode());
      s.setString(5, itemsJson(x.items()));
      s.setString(6, x.grantId());
      s.setString(7, x.purpose());
      s.setString(8, x.caseId());
      s.setString(9, x.requestDigest());
      s.setString(10, x.state());
      s.setString(11, x.ownerRun());
      Sql.setInstant(s, 12, x.leaseUntil());
      if (x.httpStatus() == null) {
        s.setNull(13, Types.INTEGER);
      } else {
        s.setInt(13, x.httpStatus());
      }
      s.setString(14, x.ticket());
      s.setString(15, x.response());
      s.setString(16, x.problem());
      Sql.setInstant(s, 17, x.createdAt());
      Sql.setInstant(s, 18, x.updatedAt());
      s.executeUpdate();
    }
  }

  /**
   * Takes a PENDING exchange over for {@code newOwner} if it is still held by {@code expectedOwner}
   * (null: held by no one); false if another run got there first or it is no longer PENDING.
   */
  public boolean claim(Connection c, String messageId, String expectedOwner, String newOwner, Instant leaseUntil,
      Instant now) throws SQLException {
    String sql = "UPDATE exchange SET owner_run = ?, lease_until = ?, updated_at = ? WHERE message_id = ?"
        + " AND state = 'PENDING' AND " + (expectedOwner == null ? "owner_run IS NULL" : "owner_run = ?");
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, newOwner);
      Sql.setInstant(s, 2, leaseUntil);
      Sql.setInstant(s, 3, now);
      s.setString(4, messageId);
      if (expectedOwner != null) {
        s.setString(5, expectedOwner);
      }
      return s.executeUpdate() == 1;
    }
  }

  /** Gives up {@code owner}'s claim: the exchange stays PENDING and a retry relays it again. */
  public boolean release(Connection c, String messageId, String owner, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE exchange SET owner_run = NULL, lease_until = NULL,"
        + " updated_at = ? WHERE message_id = ? AND state = 'PENDING' AND owner_run = ?")) {
      Sql.setInstant(s, 1, now);
      s.setString(2, messageId);
      s.setString(3, owner);
      return s.executeUpdate() == 1;
    }
  }

  /** Records the final answer of an exchange {@code owner} holds; false if it no longer holds it. */
  public boolean finish(Connection c, String messageId, String owner, String state, int httpStatus, String ticket,
      String response, String problem, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE exchange SET state = ?, http_status = ?, ticket = ?,"
        + " response = ?, problem = ?, owner_run = NULL, lease_until = NULL, updated_at = ?"
        + " WHERE message_id = ? AND state = 'PENDING' AND owner_run = ?")) {
      s.setString(1, state);
      s.setInt(2, httpStatus);
      s.setString(3, ticket);
      s.setString(4, response);
      s.setString(5, problem);
      Sql.setInstant(s, 6, now);
      s.setString(7, messageId);
      s.setString(8, owner);
      return s.executeUpdate() == 1;
    }
  }

  private static String itemsJson(List<String> items) {
    try {
      return JSON.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ExchangeRow row(ResultSet r) throws SQLException {
    List<String> items;
    try {
      items = JSON.readValue(r.getString(5), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt items of exchange " + r.getString(1), e);
    }
    int status = r.getInt(13);
    Integer httpStatus = r.wasNull() ? null : status;
    return new ExchangeRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), items, r.getString(6),
        r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11), Sql.instant(r, 12),
        httpStatus, r.getString(14), r.getString(15), r.getString(16), Sql.instant(r, 17), Sql.instant(r, 18));
  }

  /** Deletes exchanges last changed before {@code before}, at most {@code limit} of them; returns how many. */
  public int purge(Connection c, Instant before, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM exchange WHERE message_id IN (SELECT message_id FROM"
        + " exchange WHERE updated_at < ? ORDER BY updated_at LIMIT ?)")) {
      Sql.setInstant(s, 1, before);
      s.setInt(2, limit);
      return s.executeUpdate();
    }
  }
}
