package dev.shuqiao.hub.internal.api;

import java.sql.Connection;
import java.sql.SQLException;

/** One API operation, run inside a database transaction. */
@FunctionalInterface
interface Handler {
  Reply handle(Connection connection, Call call) throws SQLException;

  /**
   * An operation that waits on other parties (an exchange waiting for its provider, a held poll) and
   * so runs its own short transactions instead of holding a connection throughout; it is not
   * subject to {@code Idempotency-Key} (the exchange channel is idempotent by message id).
   */
  @FunctionalInterface
  interface Untransacted extends Handler {
    Reply handle(Call call) throws SQLException;

    @Override
    default Reply handle(Connection connection, Call call) throws SQLException {
      return handle(call);
    }
  }

  /**
   * An operation whose body or answer is a byte stream rather than JSON (mailbox chunks and
   * downloads, docs/bulk.md §2): it reads the request and writes the response itself, with its own
   * short transactions. For a {@code PATCH} the body is not read before authentication: the signed
   * {@code Content-Digest} comes as {@code declaredSha256}, to be compared once the body is read.
   */
  @FunctionalInterface
  interface Streaming extends Handler {
    void serve(Streamed streamed) throws SQLException, java.io.IOException;

    @Override
    default Reply handle(Connection connection, Call call) {
      throw new IllegalStateException("a streaming handler answers through serve");
    }
  }

  /** What a {@link Streaming} handler gets: the call (its body empty for a PATCH), the declared digest and the exchange. */
  record Streamed(Call call, byte[] declaredSha256, jakarta.servlet.http.HttpServletRequest request,
      jakarta.servlet.http.HttpServletResponse response) {}
}
