package dev.shuqiao.hub.internal.api;

import dev.shuqiao.hub.internal.service.HubException;
import dev.shuqiao.hub.internal.store.Database;
import dev.shuqiao.hub.internal.store.RequestStore;
import dev.shuqiao.hub.internal.store.RequestStore.StoredResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs a write so that a retry with the same {@code Idempotency-Key} never applies it twice: the
 * response is stored in the same transaction as the change, and a repeat gets the stored response.
 * Reusing a key for a different request is a 422.
 */
final class Idempotency {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  private final Database db;
  private final Metrics metrics;
  private final RequestStore store = new RequestStore();

  Idempotency(Database db, Metrics metrics) {
    this.db = db;
    this.metrics = metrics;
  }

  Reply run(HttpServletRequest request, Call call, Handler handler) throws SQLException {
    String key = request.getHeader("Idempotency-Key");
    if (key == null) {
      return inTransaction(call, handler);
    }
    if (!KEY.matcher(key).matches()) {
      throw HubException.badField("Idempotency-Key", "Idempotency-Key is 8 to 64 URL-safe characters");
    }
    String hash = hash(request, call.body());
    String keyId = call.caller().code();
    Optional<StoredResponse> stored = db.inTransaction(c -> store.findResponse(c, keyId, key));
    if (stored.isPresent()) {
      return replay(stored.get(), hash);
    }
    try {
      return db.inTransaction(c -> {
        Reply reply = handler.handle(c, call);
        String body = Body.JSON.valueToTree(reply.body()).toString();
        store.storeResponse(c, keyId, key, new StoredResponse(hash, reply.status(), body), Instant.now());
        return reply;
      });
    } catch (SQLException e) {
      if (!RequestStore.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      Optional<StoredResponse> winner = db.inTransaction(c -> store.findResponse(c, keyId, key));
      if (winner.isPresent()) {
        return replay(winner.get(), hash);
      }
      throw HubException.conflict("concurrent-change", "a concurrent request changed the same record; retry");
    }
  }

  private Reply inTransaction(Call call, Handler handler) throws SQLException {
    try {
      return db.inTransaction(c -> handler.handle(c, call));
    } catch (SQLException e) {
      if (RequestStore.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw HubException.conflict("concurrent-change", "a concurrent request changed the same record; retry");
      }
      throw e;
    }
  }

  private Reply replay(StoredResponse stored, String hash) {
    if (!java.security.MessageDigest.isEqual(stored.requestHash().getBytes(StandardCharsets.US_ASCII),
        hash.getBytes(StandardCharsets.US_ASCII))) {
      throw HubException.unprocessable("idempotency-key-reused",
          "this Idempotency-Key was used for a different request", "Idempotency-Key");
    }
    metrics.idempotentReplay();
    try {
      return new Reply(stored.status(), Body.JSON.readTree(stored.body()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored response unreadable", e);
    }
  }

  private static String hash(HttpServletRequest request, byte[] body) {
    byte[] head = (request.getMethod() + "\n" + request.getRequestURI() + "\n"
        + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return HexFormat.of().formatHex(ContentDigest.sha256(all));
  }
}
