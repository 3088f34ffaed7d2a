package dev.shuqiao.hub.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory index answers exactly as plain SQL does ({@code search_text LIKE '%q%'}, the
 * filters as WHERE clauses, ORDER BY code): page, total and facets, for random catalogs, queries
 * and filters, after a build and after incremental changes, on H2 and on PostgreSQL.
 */
class SearchIndexDifferentialIT {

  private static final String[] PIECES = {"出生", "户籍", "医", "保", "a", "B", "İ", "%", "_", "\\", "😀", "x", " ", "不动产"};
  private static final String[] PROVIDERS = {"11450200B00000019F", "11450200MB0000002X", "11450200MB0000003X"};
  private static final String[] SHARING = {"UNCONDITIONAL", "CONDITIONAL", "NOT_SHARED"};
  private static final String[] CLASSES = {"1 01", "1 01 002", "1 02", "2 1_", "2 11", "3%"};
  private static final String[] FORMATS = {"DATABASE", "SPREADSHEET", "SERVICE_INTERFACE"};
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path dir;

  private final Random random = new Random(20261127);

  @Test
  void h2_indexAnswersLikePlainSql() throws SQLException {
    try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("hub"), null, null, 2)) {
      compare(db);
    }
  }

  @Test
  void postgres_indexAnswersLikePlainSql() throws SQLException {
    String url = System.getProperty("shuqiao.test.postgres.url", "").strip();
    assumeTrue(url.startsWith("jdbc:postgresql:"), "no -Dshuqiao.test.postgres.url=jdbc:postgresql://...");
    String schema = "shuqiao_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url, "CREATE SCHEMA " + schema);
    try (Database db = Database.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null, 2)) {
      compare(db);
    } finally {
      execute(url, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private void compare(Database db) throws SQLException {
    ResourceStore store = new ResourceStore();
    SearchIndex index = new SearchIndex();
    List<ResourceRow> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rows.add(randomRow(String.format("%d %02d/%04d", 1 + random.nextInt(3), random.nextInt(20), i)));
    }
    db.inTransaction(c -> {
      store.insertAll(c, rows.subList(0, 300));
      return null;
    });
    compareQueries(db, index, 150); // the first search builds the index
    db.inTransaction(c -> {
      for (int i = 0; i < 60; i++) {
        ResourceRow old = rows.get(random.nextInt(300));
        store.update(c, randomRow(old.code()));
      }
      for (ResourceRow row : rows.subList(300, 400)) {
        store.insert(c, row);
      }
      return null;
    });
    compareQueries(db, index, 150); // applied as changes
  }

  private void compareQueries(Database db, SearchIndex index, int queries) throws SQLException {
    int answered = 0;
    for (int i = 0; i < queries; i++) {
      ResourceQuery q = randomQuery();
      answered += db.inTransaction(c -> {
        SearchIndex.Hits hits = index.search(c, q);
        SearchIndex.Hits expected = plainSql(c, q);
        assertThat(hits.total()).as("total of %s", q).isEqualTo(expected.total());
        assertThat(hits.facets()).as("facets of %s", q).isEqualTo(expected.facets());
        assertThat(hits.page()).as("page of %s", q).isEqualTo(expected.page());
        return hits.page().isEmpty() ? 0 : 1;
      });
    }
    assertThat(answered).as("queries with a non-empty page, so the comparison means something").isGreaterThan(queries / 4);
  }

  private ResourceRow randomRow(String code) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(8); n >= 0; n--) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return new ResourceRow(code, pick(PROVIDERS), "名称", "摘要", pick(SHARING), pick(CLASSES), pick(FORMATS),
        text.toString().toLowerCase(Locale.ROOT), 1, random.nextInt(4) == 0 ? "RETIRED" : "ACTIVE", "{}",
        EPOCH.plusSeconds(random.nextInt(1000)).plusNanos(random.nextInt(1000) * 1000L));
  }

  private ResourceQuery randomQuery() {
    String text = null;
    if (random.nextInt(5) > 0) {
      StringBuilder t = new StringBuilder();
      for (int n = random.nextInt(3); n >= 0; n--) {
        String piece = pick(PIECES);
        t.append(random.nextBoolean() ? piece : piece.toUpperCase(Locale.ROOT));
      }
      int[] points = t.codePoints().toArray();
      int from = random.nextInt(points.length);
      text = new String(points, from, 1 + random.nextInt(points.length - from));
    }
    int offset = random.nextInt(3) == 0 ? random.nextInt(40) : 0;
    return new ResourceQuery(text, maybe(PROVIDERS), maybe(SHARING),
        random.nextInt(3) == 0 ? prefix(pick(CLASSES)) : null, maybe(FORMATS),
        random.nextInt(4) == 0 ? EPOCH.plusSeconds(random.nextInt(1000)) : null, random.nextBoolean(), offset,
        1 + random.nextInt(25));
  }

  /** The answer by brute force: the matching rows from a plain WHERE, counted here. */
  private static SearchIndex.Hits plainSql(Connection c, ResourceQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT code, sharing_type, format, classification, provider_code FROM resource WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.text() != null) {
      sql.append(" AND search_text LIKE ? ESCAPE '\\'");
      args.add("%" + escape(q.text().toLowerCase(Locale.ROOT)) + "%");
    }
    if (!q.includeRetired()) {
      sql.append(" AND status = 'ACTIVE'");
    }
    String[] equal = {"provider_code", q.providerCode(), "sharing_type", q.sharingType(), "format", q.format()};
    for (int i = 0; i < equal.length; i += 2) {
      if (equal[i + 1] != null) {
        sql.append(" AND ").append(equal[i]).append(" = ?");
        args.add(equal[i + 1]);
      }
    }
    if (q.classificationPrefix() != null) {
      sql.append(" AND classification LIKE ? ESCAPE '\\'");
      args.add(escape(q.classificationPrefix()) + "%");
    }
    if (q.updatedSince() != null) {
      sql.append(" AND updated_at >= ?");
      args.add(q.updatedSince());
    }
    sql.append(" ORDER BY code");
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    List.of("sharingType", "format", "classification", "provider").forEach(f -> facets.put(f, new TreeMap<>()));
    List<String> codes = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      Sql.bind(s, args);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          codes.add(r.getString(1));
          int column = 2;
          for (Map<String, Long> counts : facets.values()) {
            counts.merge(r.getString(column++), 1L, Long::sum);
          }
        }
      }
    }
    List<String> page = codes.subList(Math.min(q.offset(), codes.size()), Math.min(q.offset() + q.limit(), codes.size()));
    return new SearchIndex.Hits(codes.size(), facets, page);
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private String prefix(String value) {
    return value.substring(0, 1 + random.nextInt(value.length()));
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private String maybe(String[] values) {
    return random.nextInt(3) == 0 ? pick(values) : null;
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
