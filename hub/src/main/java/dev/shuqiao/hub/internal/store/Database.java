package dev.shuqiao.hub.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The hub's database: a small connection pool (HikariCP) over H2 or PostgreSQL, migrated on open.
 * All hub state lives here, so several hub instances can share one PostgreSQL.
 */
public final class Database implements Closeable {

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final HikariDataSource dataSource;
  private final boolean postgres;

  private Database(HikariDataSource dataSource, boolean postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
  }

  /** Opens and migrates the database at {@code jdbcUrl} (H2 or PostgreSQL). */
  public static Database open(String jdbcUrl, String user, String password, int poolSize) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
    if (!postgres && !jdbcUrl.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("the hub supports jdbc:h2: and jdbc:postgresql: URLs only");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setAutoCommit(false);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setPoolName("shuqiao-hub");
    HikariDataSource dataSource = new HikariDataSource(config);
    Database database = new Database(dataSource, postgres);
    try {
      new Migrations(postgres).migrate(dataSource);
    } catch (SQLException | RuntimeException e) {
      dataSource.close();
      throw new IllegalStateException("cannot migrate the hub database: " + e.getMessage(), e);
    }
    return database;
  }

  public boolean postgres() {
    return postgres;
  }

  /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
  public <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** True if the database answers a trivial query. */
  public boolean healthy() {
    try {
      return inTransaction(c -> c.createStatement().execute("SELECT 1"));
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
