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

/** SQL for the {@code sharing_grant} table. */
public final class GrantStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, resource_code, consumer_code, provider_code, items, purpose, legal_basis,"
      + " valid_from, valid_until, status, reason, decided_by, decided_at, created_at, decide_by";

  public void insert(Connection c, GrantRow g) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO sharing_grant (" + COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, g.id());
      s.setString(2, g.resourceCode());
      s.setString(3, g.consumerCode());
      s.setString(4, g.providerCode());
      s.setString(5, itemsJson(g.items()));
      s.setString(6, g.purpose());
      s.setString(7, g.legalBasis());
      Sql.setInstant(s, 8, g.validFrom());
      Sql.setInstant(s, 9, g.validUntil());
      s.setString(10, g.status());
      s.setString(11, g.reason());
      s.setString(12, g.decidedBy());
      Sql.setInstant(s, 13, g.decidedAt());
      Sql.setInstant(s, 14, g.createdAt());
      Sql.setInstant(s, 15, g.decideBy());
      s.executeUpdate();
    }
  }

  /** The grant, row-locked when {@code forUpdate} so concurrent decisions serialise. */
  public Optional<GrantRow> find(Connection c, String id, boolean forUpdate) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM sharing_grant WHERE id = ?"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  /** Records a decision; false if the grant was no longer in {@code expectedStatus}. */
  public boolean decide(Connection c, GrantRow g, String expectedStatus) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE sharing_grant SET status = ?, reason = ?, decided_by = ?,"
        + " decided_at = ? WHERE id = ? AND status = ?")) {
      s.setString(1, g.status());
      s.setString(2, g.reason());
      s.setString(3, g.decidedBy());
      Sql.setInstant(s, 4, g.decidedAt());
      s.setString(5, g.id());
      s.setString(6, expectedStatus);
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Grants where {@code partyColumn} (consumer_code or provider_code, or null for all) is {@code party},
   * optionally of one effective status and only overdue pending ones, newest first.
   */
  public List<GrantRow> list(Connection c, String partyColumn, String party, String status, boolean overdueOnly,
      Instant now, int offset, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sharing_grant WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (partyColumn != null) {
      if (!partyColumn.equals("consumer_code") && !partyColumn.equals("provider_code")) {
        throw new IllegalArgumentException("unknown party column");
      }
      sql.append(" AND ").append(partyColumn).append(" = ?");
      args.add(party);
    }
    if ("EXPIRED".equals(status)) {
      sql.append(" AND status = 'APPROVED' AND valid_until <= ?");
      args.add(now);
    } else if ("APPROVED".equals(status)) {
      sql.append(" AND status = 'APPROVED' AND valid_until > ?");
      args.add(now);
    } else if (status != null) {
      sql.append(" AND status = ?");
      args.add(status);
    }
    if (overdueOnly) {
      sql.append(" AND status = 'PENDING' AND decide_by <= ?");
      args.add(now);
    }
    sql.append(" ORDER BY created_at DESC, id LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(offset);
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      Sql.bind(s, args);
      List<GrantRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
      return rows;
    }
  }

  private static String itemsJson(List<String> items) {
    try {
      return JSON.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static GrantRow row(ResultSet r) throws SQLException {
    List<String> items;
    try {
      items = JSON.readValue(r.getString(5), new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt items of grant " + r.getString(1), e);
    }
    return new GrantRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), List.copyOf(items),
        r.getString(6), r.getString(7), Sql.instant(r, 8), Sql.instant(r, 9),
        r.getString(10), r.getString(11), r.getString(12), Sql.instant(r, 13),
        Sql.instant(r, 14), Sql.instant(r, 15));
  }
}
