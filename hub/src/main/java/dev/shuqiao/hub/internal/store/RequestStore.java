package dev.shuqiao.hub.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Single-use signature nonces and stored responses of idempotent writes. */
public final class RequestStore {

  /** SQLSTATE of a unique-key violation, in H2 and PostgreSQL alike. */
  public static final String UNIQUE_VIOLATION = "23505";

  /** A response kept for an idempotency key, with the hash of the request that produced it. */
  public record StoredResponse(String requestHash, int status, String body) {}

  /** Records a nonce; false if {@code keyId} already used it. Runs in its own transaction. */
  public boolean useNonce(Database db, String keyId, String nonce, Instant expiresAt) throws SQLException {
    try {
      return db.inTransaction(c -> {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO used_nonce (key_id, nonce, expires_at) VALUES (?, ?, ?)")) {
          s.setString(1, keyId);
          s.setString(2, nonce);
          Sql.setInstant(s, 3, expiresAt);
          s.executeUpdate();
          return true;
        }
      });
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /** Forgets nonces that are past the signature window anyway. */
  public int purgeNonces(Database db, Instant now) throws SQLException {
    return db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM used_nonce WHERE expires_at < ?")) {
        Sql.setInstant(s, 1, now);
        return s.executeUpdate();
      }
    });
  }

  public Optional<StoredResponse> findResponse(Connection c, String keyId, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT request_hash, status, response_body FROM idempotent_request"
        + " WHERE key_id = ? AND idempotency_key = ?")) {
      s.setString(1, keyId);
      s.setString(2, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new StoredResponse(r.getString(1), r.getInt(2), r.getString(3))) : Optional.empty();
      }
    }
  }

  /** Stores a response; throws a unique violation if another request took the key first. */
  public void storeResponse(Connection c, String keyId, String key, StoredResponse response, Instant at)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotent_request (key_id, idempotency_key,"
        + " request_hash, status, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, keyId);
      s.setString(2, key);
      s.setString(3, response.requestHash());
      s.setInt(4, response.status());
      s.setString(5, response.body());
      Sql.setInstant(s, 6, at);
      s.executeUpdate();
    }
  }
}
