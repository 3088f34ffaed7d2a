package dev.shuqiao.hub.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class SqlTest {

  @Test
  void instants_areStoredAsUtcWallClock_whateverTheJvmTimeZone() throws Exception {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:sqltest")) {
      c.createStatement().execute("CREATE TABLE t (at TIMESTAMP)");
      Instant instant = Instant.parse("2026-01-01T00:00:00Z");
      try (PreparedStatement s = c.prepareStatement("INSERT INTO t VALUES (?)")) {
        Sql.setInstant(s, 1, instant);
        s.executeUpdate();
      }
      try (ResultSet r = c.createStatement().executeQuery("SELECT CAST(at AS VARCHAR), at FROM t")) {
        r.next();
        assertThat(r.getString(1)).isEqualTo("2026-01-01 00:00:00");
        assertThat(Sql.instant(r, 2)).isEqualTo(instant);
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }
}
