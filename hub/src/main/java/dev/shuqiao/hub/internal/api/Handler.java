package dev.shuqiao.hub.internal.api;

import java.sql.Connection;
import java.sql.SQLException;

/** One API operation, run inside a database transaction. */
@FunctionalInterface
interface Handler {
  Reply handle(Connection connection, Call call) throws SQLException;
}
