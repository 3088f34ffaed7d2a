package dev.shuqiao.hub.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code department} table. */
public final class DepartmentStore {

  private static final String COLUMNS = "code, name, certificate_pem, endpoint_url, status, created_at, updated_at";

  /** Inserts a department; false if the code is taken. */
  public boolean insert(Connection c, DepartmentRow row) throws SQLException {
    if (find(c, row.code()).isPresent()) {
      return false;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO department (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, row.code());
      s.setString(2, row.name());
      s.setString(3, row.certificatePem());
      s.setString(4, row.endpointUrl());
      s.setString(5, row.status());
      Sql.setInstant(s, 6, row.createdAt());
      Sql.setInstant(s, 7, row.updatedAt());
      s.executeUpdate();
      return true;
    }
  }

  public Optional<DepartmentRow> find(Connection c, String code) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM department WHERE code = ?")) {
      s.setString(1, code);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  public void updateStatus(Connection c, String code, String status, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE department SET status = ?, updated_at = ? WHERE code = ?")) {
      s.setString(1, status);
      Sql.setInstant(s, 2, at);
      s.setString(3, code);
      s.executeUpdate();
    }
  }

  public void updateDetails(Connection c, String code, String name, String endpointUrl, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE department SET name = ?, endpoint_url = ?, updated_at = ? WHERE code = ?")) {
      s.setString(1, name);
      s.setString(2, endpointUrl);
      Sql.setInstant(s, 3, at);
      s.setString(4, code);
      s.executeUpdate();
    }
  }

  /**
   * Replaces the certificate {@code current} holds; false (nothing changed) if another transaction
   * replaced it meanwhile, so that two rotations never both succeed from the same starting point.
   */
  public boolean updateCertificate(Connection c, DepartmentRow current, String certificatePem, Instant at)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE department SET certificate_pem = ?, updated_at = ? WHERE code = ? AND certificate_pem = ?")) {
      s.setString(1, certificatePem);
      Sql.setInstant(s, 2, at);
      s.setString(3, current.code());
      s.setString(4, current.certificatePem());
      return s.executeUpdate() == 1;
    }
  }

  public List<DepartmentRow> list(Connection c, int offset, int limit) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM department ORDER BY code LIMIT ? OFFSET ?")) {
      s.setInt(1, limit);
      s.setInt(2, offset);
      List<DepartmentRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
      return rows;
    }
  }

  private static DepartmentRow row(ResultSet r) throws SQLException {
    return new DepartmentRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
        Sql.instant(r, 6), Sql.instant(r, 7));
  }
}
