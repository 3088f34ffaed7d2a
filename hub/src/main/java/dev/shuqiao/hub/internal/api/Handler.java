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
}
