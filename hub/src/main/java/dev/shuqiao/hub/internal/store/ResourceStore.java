package dev.shuqiao.hub.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code resource} and {@code resource_version} tables, including search with facets. */
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
    SearchIndex.insert(c, row);
  }

  /** Many new resources at once (bulk loads, benchmarks): the same rows and postings as {@link #insert}. */
  public void insertAll(Connection c, List<ResourceRow> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO resource (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ResourceRow row : rows) {
        bind(s, row);
        s.addBatch();
      }
      s.executeBatch();
    }
    SearchIndex.insertAll(c, rows);
  }

  public void update(Connection c, ResourceRow row) throws SQLException {
    String oldText;
    try (PreparedStatement s = c.prepareStatement("SELECT search_text FROM resource WHERE code = ?")) {
      s.setString(1, row.code());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("no resource " + row.code() + " to update");
        }
        oldText = r.getString(1);
      }
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE resource SET code = ?, provider_code = ?, name = ?, summary = ?,"
        + " sharing_type = ?, classification = ?, format = ?, search_text = ?, version = ?, status = ?, descriptor = ?,"
        + " updated_at = ? WHERE code = ?")) {
      bind(s, row);
      s.setString(13, row.code());
      s.executeUpdate();
    }
    SearchIndex.replace(c, oldText, row);
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

  /** One page of matches, ordered by code. */
  public List<ResourceRow> search(Connection c, ResourceQuery q) throws SQLException {
    Where where = where(q);
    if (!where.indexed()) {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM resource" + where.sql
          + " ORDER BY code LIMIT ? OFFSET ?")) {
        return rows(s, where, q);
      }
    }
    // The page's codes from the postings, then their rows: a join sorted by code would make H2
    // fetch every matching row before applying LIMIT.
    List<String> codes = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT g.code" + where.sql + " ORDER BY g.code LIMIT ? OFFSET ?")) {
      int next = where.bind(s);
      s.setInt(next, q.limit());
      s.setInt(next + 1, q.offset());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          codes.add(r.getString(1));
        }
      }
    }
    if (codes.isEmpty()) {
      return List.of();
    }
    Map<String, ResourceRow> byCode = new java.util.HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM resource WHERE code IN ("
        + String.join(", ", java.util.Collections.nCopies(codes.size(), "?")) + ")")) {
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
    return codes.stream().map(byCode::get).toList();
  }

  private static List<ResourceRow> rows(PreparedStatement s, Where where, ResourceQuery q) throws SQLException {
    int next = where.bind(s);
    s.setInt(next, q.limit());
    s.setInt(next + 1, q.offset());
    List<ResourceRow> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        rows.add(row(r));
      }
    }
    return rows;
  }

  /** The number of matches and the counts of every value of each facet over all of them. */
  public record Facets(long total, Map<String, Map<String, Long>> counts) {}

  /**
   * Counts in one scan: matches grouped by every facet column at once, summed per facet here (a
   * scan per facet would multiply the cost of a text search by five).
   */
  public Facets facets(Connection c, ResourceQuery q) throws SQLException {
    Where where = where(q);
    List<String> names = List.of("sharingType", "format", "classification", "provider");
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    names.forEach(name -> counts.put(name, new java.util.TreeMap<>()));
    long total = 0;
    String p = where.prefix;
    String from = where.indexed() ? "" : " FROM resource";
    try (PreparedStatement s = c.prepareStatement("SELECT " + p + "sharing_type, " + p + "format, " + p + "classification, "
        + p + "provider_code, COUNT(*)" + from + where.sql + " GROUP BY " + p + "sharing_type, " + p + "format, "
        + p + "classification, " + p + "provider_code")) {
      where.bind(s);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long n = r.getLong(5);
          total += n;
          for (int i = 0; i < names.size(); i++) {
            counts.get(names.get(i)).merge(r.getString(i + 1), n, Long::sum);
          }
        }
      }
    }
    return new Facets(total, counts);
  }

  /**
   * The FROM (for text searches: the postings of {@link SearchIndex}) and WHERE of a query. Without
   * text the resource table itself is filtered; with text every filter applies to the postings'
   * copies of the columns, and only a query longer than two code points joins the resource to
   * check the substring.
   */
  private static Where where(ResourceQuery q) {
    String text = q.text() == null ? null : q.text().toLowerCase(java.util.Locale.ROOT);
    String p = text == null ? "" : "g.";
    StringBuilder sql = new StringBuilder();
    List<Object> args = new ArrayList<>();
    if (text == null) {
      sql.append(" WHERE 1 = 1");
    } else {
      sql.append(" FROM search_gram g");
      if (!SearchIndex.exact(text)) {
        sql.append(" JOIN resource r ON r.code = g.code");
      }
      sql.append(" WHERE g.gram = ?");
      args.add(SearchIndex.drivingGram(text));
      if (!SearchIndex.exact(text)) {
        sql.append(" AND r.search_text LIKE ? ESCAPE '\\'");
        args.add("%" + escapeLike(text) + "%");
      }
    }
    if (!q.includeRetired()) {
      sql.append(" AND ").append(p).append("status = 'ACTIVE'");
    }
    equal(sql, args, p + "provider_code", q.providerCode());
    equal(sql, args, p + "sharing_type", q.sharingType());
    equal(sql, args, p + "format", q.format());
    if (q.classificationPrefix() != null) {
      sql.append(" AND ").append(p).append("classification LIKE ? ESCAPE '\\'");
      args.add(escapeLike(q.classificationPrefix()) + "%");
    }
    if (q.updatedSince() != null) {
      sql.append(" AND ").append(p).append("updated_at >= ?");
      args.add(q.updatedSince());
    }
    return new Where(sql.toString(), args, p);
  }

  private static void equal(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private record Where(String sql, List<Object> args, String prefix) {
    boolean indexed() {
      return !prefix.isEmpty();
    }

    int bind(PreparedStatement s) throws SQLException {
      return Sql.bind(s, args);
    }
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
