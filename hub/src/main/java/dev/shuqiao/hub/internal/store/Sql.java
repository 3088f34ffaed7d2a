package dev.shuqiao.hub.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

/**
 * Instants in {@code TIMESTAMP} columns are always written and read as UTC wall-clock time, so
 * hub instances in different JVM time zones agree on one database.
 */
final class Sql {

  private Sql() {}

  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }

  static void setInstant(PreparedStatement s, int index, Instant instant) throws SQLException {
    if (instant == null) {
      s.setTimestamp(index, null);
    } else {
      s.setTimestamp(index, Timestamp.from(instant), utc());
    }
  }

  static Instant instant(ResultSet r, int index) throws SQLException {
    Timestamp timestamp = r.getTimestamp(index, utc());
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** Binds positional arguments from 1; instants as UTC. Returns the next free index. */
  static int bind(PreparedStatement s, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof Instant instant) {
        setInstant(s, i + 1, instant);
      } else {
        s.setObject(i + 1, args.get(i));
      }
    }
    return args.size() + 1;
  }
}
