package dev.shuqiao.hub.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * SQL for the {@code resource} and {@code resource_version} tables. Every write is numbered in the
 * catalog change sequence ({@link CatalogChanges}) that keeps each instance's {@link SearchIndex}
 * current.
 */
public final class ResourceStore {

  private static final String COLUMNS = "code, provider_code, name, summary, sharing_type, classification, format,"
      + " search_text, version, status, descriptor, updated_at";

  public Optional<ResourceRow> find(Connection c, String code, boolean forUpdate) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM resource WHERE code = ?" + (forUpdate ? " FOR UPDATE" : "");
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, code);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  public void insert(Connection c, ResourceRow row) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO resource (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(s, row);
      s.executeUpdate();
    }
    CatalogChanges.record(c, List.of(row.code()));
  }

  /** Many new resources at once (bulk loads, benchmarks): the same rows and changes as {@link #insert}. */
  public void insertAll(Connection c, List<ResourceRow> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO resource (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ResourceRow row : rows) {
        bind(s, row);
        s.addBatch();
      }
      s.executeBatch();
    }
    CatalogChanges.record(c, rows.stream().map(ResourceRow::code).toList());
  }

  public void update(Connection c, ResourceRow row) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE resource SET code = ?, provider_code = ?, name = ?, summary = ?,"
        + " sharing_type = ?, classification = ?, format = ?, search_text = ?, version = ?, status = ?, descriptor = ?,"
        + " updated_at = ? WHERE code = ?")) {
      bind(s, row);
      s.setString(13, row.code());
      if (s.executeUpdate() != 1) {
        throw new SQLException("no resource " + row.code() + " to update");
      }
    }
    CatalogChanges.record(c, List.of(row.code()));
  }

  public void insertVersion(Connection c, ResourceVersionRow v) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO resource_version (code, version, change_kind, changed_by,"
        + " changed_at, descriptor) VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, v.code());
      s.setInt(2, v.version());
      s.setString(3, v.changeKind());
      s.setString(4, v.changedBy());
      Sql.setInstant(s, 5, v.changedAt());
      s.setString(6, v.descriptor());
      s.executeUpdate();
    }
  }

  public List<ResourceVersionRow> versions(Connection c, String code) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT code, version, change_kind, changed_by, changed_at, descriptor"
        + " FROM resource_version WHERE code = ? ORDER BY version")) {
      s.setString(1, code);
      List<ResourceVersionRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(new ResourceVersionRow(r.getString(1), r.getInt(2), r.getString(3), r.getString(4),
              Sql.instant(r, 5), r.getString(6)));
        }
      }
      return rows;
    }
  }

  /**
   * The rows of {@code codes}, in that order (a page of search hits); a code without a row (never
   * the case: resources are not deleted) is left out.
   */
  public List<ResourceRow> findAll(Connection c, List<String> codes) throws SQLException {
    if (codes.isEmpty()) {
      return List.of();
    }
    Map<String, ResourceRow> byCode = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM resource WHERE code IN ("
        + String.join(", ", Collections.nCopies(codes.size(), "?")) + ")")) {
      for (int i = 0; i < codes.size(); i++) {
        s.setString(i + 1, codes.get(i));
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ResourceRow row = row(r);
          byCode.put(row.code(), row);
        }
      }
    }
    return codes.stream().map(byCode::get).filter(Objects::nonNull).toList();
  }

  /**
   * Queues this transaction behind every other catalog write (see {@link CatalogChanges#lock});
   * call it before reading the rows to change.
   */
  public void lockCatalog(Connection c) throws SQLException {
    CatalogChanges.lock(c);
  }

  private static void bind(PreparedStatement s, ResourceRow row) throws SQLException {
    s.setString(1, row.code());
    s.setString(2, row.providerCode());
    s.setString(3, row.name());
    s.setString(4, row.summary());
    s.setString(5, row.sharingType());
    s.setString(6, row.classification());
    s.setString(7, row.format());
    s.setString(8, row.searchText());
    s.setInt(9, row.version());
    s.setString(10, row.status());
    s.setString(11, row.descriptor());
    Sql.setInstant(s, 12, row.updatedAt());
  }

  private static ResourceRow row(ResultSet r) throws SQLException {
    return new ResourceRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
        r.getString(6), r.getString(7), r.getString(8), r.getInt(9), r.getString(10), r.getString(11),
        Sql.instant(r, 12));
  }
}
