package dev.shuqiao.hub.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Versioned schema migrations: script {@code V<n>__*.sql} runs once, in order, and is recorded in
 * {@code schema_version}. On PostgreSQL an advisory lock serialises hub instances starting together.
 */
final class Migrations {

  /** Every migration, oldest first; append, never edit a released one. */
  static final List<String> SCRIPTS = List.of("V1__schema.sql", "V2__search_gram.sql",
      "V3__grant_decide_by.sql", "V4__catalog_change.sql", "V5__hub_instance.sql", "V6__exchange.sql",
      "V7__witnessed_log.sql", "V8__mailbox.sql", "V9__console_officials.sql", "V10__exchange_retention.sql");

  private static final long LOCK_ID = 0x5348_5149_414FL; // "SHQIAO"

  private final boolean postgres;

  Migrations(boolean postgres) {
    this.postgres = postgres;
  }

  void migrate(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      if (postgres) {
        statement.execute("SELECT pg_advisory_lock(" + LOCK_ID + ")");
      }
      try {
        statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        connection.commit();
        int current = currentVersion(statement);
        for (int version = current + 1; version <= SCRIPTS.size(); version++) {
          apply(connection, statement, version, SCRIPTS.get(version - 1));
        }
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        if (postgres) {
          statement.execute("SELECT pg_advisory_unlock(" + LOCK_ID + ")");
          connection.commit();
        }
      }
    }
  }

  private static int currentVersion(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void apply(Connection connection, Statement statement, int version, String script) throws SQLException {
    for (String sql : read(script).split(";\\s*\\n")) {
      if (!sql.isBlank()) {
        statement.execute(sql);
      }
    }
    try (var insert = connection.prepareStatement("INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, version);
      insert.setString(2, script);
      insert.setTimestamp(3, Timestamp.from(Instant.now()));
      insert.executeUpdate();
    }
    connection.commit();
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream(script)) {
      if (in == null) {
        throw new IllegalStateException("missing migration " + script);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
