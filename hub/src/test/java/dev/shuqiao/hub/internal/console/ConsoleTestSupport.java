package dev.shuqiao.hub.internal.console;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** For console tests in other packages: enrol officials straight into a hub's database, make TOTP codes. */
public final class ConsoleTestSupport {

  private ConsoleTestSupport() {}

  /** An enrolled official's credentials. */
  public record Credentials(String username, String password, String totpSecret) {

    /** The TOTP code of {@code at}'s 30-second step. */
    public String code(Instant at) {
      return Totp.code(Totp.decodeBase32(totpSecret), Totp.step(at), Totp.DIGITS, "HmacSHA1");
    }
  }

  /** Enrols an official with {@code roles} (VIEWER, APPROVER, DEPT_ADMIN, HUB_ADMIN). */
  public static Credentials enrol(String jdbcUrl, String username, String displayName, String departmentCode,
      Instant now, String... roles) {
    Set<Official.Role> set = EnumSet.noneOf(Official.Role.class);
    for (String role : roles) {
      set.add(Official.Role.valueOf(role));
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      c.setAutoCommit(false);
      Officials.Enrolment e = new Officials(new SecureRandom()).create(c, username, displayName, departmentCode, set, now);
      c.commit();
      return new Credentials(e.username(), e.password(), e.totpSecret());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Credentials read from a {@code console-admin.txt} the hub wrote. */
  public static Credentials fromBootstrapFile(String text) {
    String user = null;
    String password = null;
    String secret = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("username: ")) {
        user = line.substring(10);
      } else if (line.startsWith("password: ")) {
        password = line.substring(10);
      } else if (line.startsWith("totpSecret: ")) {
        secret = line.substring(12);
      }
    }
    return new Credentials(user, password, secret);
  }

  /** {@code failed_attempts} of an official. */
  public static int failedAttempts(String jdbcUrl, String username) {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement("SELECT failed_attempts FROM console_official WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The password hash stored for an official (to show it is not the password). */
  public static String storedPasswordHash(String jdbcUrl, String username) {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement("SELECT password_hash FROM console_official WHERE username = ?")) {
      s.setString(1, username);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
