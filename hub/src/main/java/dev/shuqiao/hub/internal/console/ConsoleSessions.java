package dev.shuqiao.hub.internal.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Console sessions in the {@code console_session} table (so every hub instance behind a load
 * balancer knows them). The cookie carries 256 random bits; the table holds only their SHA-256, so
 * a database reader cannot take over a session. A session ends after {@link #IDLE} without a request
 * or {@link #ABSOLUTE} after sign-in, whichever is first; it is created only at a successful
 * sign-in (never adopted from the client), which rules out session fixation.
 */
final class ConsoleSessions {

  static final Duration IDLE = Duration.ofMinutes(15);
  static final Duration ABSOLUTE = Duration.ofHours(8);
  /** last_seen is written at most this often, not on every page. */
  private static final Duration TOUCH = Duration.ofMinutes(1);

  private final SecureRandom random;

  ConsoleSessions(SecureRandom random) {
    this.random = random;
  }

  /** A live session: who, and the CSRF token its forms carry. */
  record Session(String username, String csrfToken) {}

  /** A new session: the cookie value (to send once) and its CSRF token. */
  record Opened(String cookieValue, String csrfToken) {}

  Opened open(Connection c, String username, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM console_session WHERE username = ? AND (last_seen < ? OR created_at < ?)")) {
      s.setString(1, username);
      s.setTimestamp(2, Timestamp.from(now.minus(IDLE)));
      s.setTimestamp(3, Timestamp.from(now.minus(ABSOLUTE)));
      s.executeUpdate();
    }
    String value = token();
    String csrf = token();
    try (PreparedStatement s = c.prepareStatement("INSERT INTO console_session (id_hash, username, csrf_token, created_at,"
        + " last_seen) VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, hash(value));
      s.setString(2, username);
      s.setString(3, csrf);
      s.setTimestamp(4, Timestamp.from(now));
      s.setTimestamp(5, Timestamp.from(now));
      s.executeUpdate();
    }
    return new Opened(value, csrf);
  }

  /** The live session of {@code cookieValue}; an expired one is deleted and absent. */
  Optional<Session> find(Connection c, String cookieValue, Instant now) throws SQLException {
    if (cookieValue == null || !cookieValue.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    String id = hash(cookieValue);
    try (PreparedStatement s = c.prepareStatement("SELECT username, csrf_token, created_at, last_seen FROM console_session"
        + " WHERE id_hash = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Instant created = r.getTimestamp(3).toInstant();
        Instant lastSeen = r.getTimestamp(4).toInstant();
        Session session = new Session(r.getString(1), r.getString(2));
        if (!now.isBefore(lastSeen.plus(IDLE)) || !now.isBefore(created.plus(ABSOLUTE))) {
          delete(c, id);
          return Optional.empty();
        }
        if (!now.isBefore(lastSeen.plus(TOUCH))) {
          try (PreparedStatement u = c.prepareStatement("UPDATE console_session SET last_seen = ? WHERE id_hash = ?")) {
            u.setTimestamp(1, Timestamp.from(now));
            u.setString(2, id);
            u.executeUpdate();
          }
        }
        return Optional.of(session);
      }
    }
  }

  void close(Connection c, String cookieValue) throws SQLException {
    if (cookieValue != null) {
      delete(c, hash(cookieValue));
    }
  }

  private static void delete(Connection c, String idHash) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM console_session WHERE id_hash = ?")) {
      s.setString(1, idHash);
      s.executeUpdate();
    }
  }

  String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
