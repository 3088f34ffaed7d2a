package dev.shuqiao.hub.internal.console;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code console_official} table and sign-in: password (Argon2id) and TOTP both required;
 * after {@link #MAX_FAILURES} consecutive failures the account locks for 15 minutes, doubling with
 * each further round of failures up to a day. An unknown name costs the same time as a wrong password.
 */
final class Officials {

  static final int MAX_FAILURES = 5;
  static final Duration FIRST_LOCK = Duration.ofMinutes(15);
  static final Duration LONGEST_LOCK = Duration.ofDays(1);
  static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  private final SecureRandom random;
  private final PasswordHasher hasher;

  Officials(SecureRandom random) {
    this.random = random;
    this.hasher = new PasswordHasher(random);
  }

  /** What a new official is handed once: the initial password (stored only as its hash) and the TOTP secret. */
  record Enrolment(String username, String password, String totpSecret) {}

  /** The outcome of a sign-in attempt. */
  sealed interface SignIn {
    record Success(Official official) implements SignIn {}
    /** Wrong name, password or code; {@code known} when the name exists (the attempt is audited). */
    record Failure(Official known) implements SignIn {}
    record Locked(Official known, Instant until) implements SignIn {}
  }

  Enrolment create(Connection c, String username, String displayName, String departmentCode, Set<Official.Role> roles,
      Instant now) throws SQLException {
    if (!USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException("a user name is 2-64 of a-z 0-9 . _ - starting with a letter or digit");
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("an official has at least one role");
    }
    if (departmentCode == null && !roles.contains(Official.Role.HUB_ADMIN)) {
      throw new IllegalArgumentException("an official other than a hub administrator belongs to a department");
    }
    String password = newPassword();
    String secret = Totp.newSecret(random);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO console_official (username, display_name, department_code,"
        + " roles, password_hash, totp_secret, last_totp_step, failed_attempts, locked_until, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, 0, 0, NULL, ?)")) {
      s.setString(1, username);
      s.setString(2, displayName);
      s.setString(3, departmentCode);
      s.setString(4, roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
      s.setString(5, hasher.hash(password));
      s.setString(6, secret);
      s.setTimestamp(7, Timestamp.from(now));
      s.executeUpdate();
    }
    return new Enrolment(username, password, secret);
  }

  boolean anyHubAdmin(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM console_official WHERE roles LIKE ?")) {
      s.setString(1, "%HUB_ADMIN%");
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1) > 0;
      }
    }
  }

  /** The officials of {@code departmentCode} (all officials when null), by user name; at most 500. */
  java.util.List<Official> list(Connection c, String departmentCode) throws SQLException {
    String sql = "SELECT username FROM console_official" + (departmentCode == null ? "" : " WHERE department_code = ?")
        + " ORDER BY username";
    java.util.List<String> names = new java.util.ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setMaxRows(500);
      if (departmentCode != null) {
        s.setString(1, departmentCode);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          names.add(r.getString(1));
        }
      }
    }
    java.util.List<Official> out = new java.util.ArrayList<>();
    for (String name : names) {
      find(c, name).ifPresent(out::add);
    }
    return out;
  }

  Optional<Official> find(Connection c, String username) throws SQLException {
    return row(c, username, false).map(Row::official);
  }

  /** Checks password and code; counts a failure or resets the count; locks after {@link #MAX_FAILURES}. */
  SignIn signIn(Connection c, String username, String password, String code, Instant now) throws SQLException {
    Optional<Row> found = USERNAME.matcher(username).matches() ? row(c, username, true) : Optional.empty();
    if (found.isEmpty()) {
      PasswordHasher.verifyDummy(password);
      return new SignIn.Failure(null);
    }
    Row row = found.get();
    if (row.lockedUntil != null && now.isBefore(row.lockedUntil)) {
      return new SignIn.Locked(row.official, row.lockedUntil);
    }
    boolean passwordOk = PasswordHasher.verify(password, row.passwordHash);
    long step = passwordOk ? Totp.verify(row.totpSecret, code, now, row.lastTotpStep) : -1;
    if (!passwordOk || step < 0) {
      int failures = row.failedAttempts + 1;
      Instant lockedUntil = null;
      if (failures % MAX_FAILURES == 0) {
        int round = Math.min(failures / MAX_FAILURES - 1, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << round);
        lockedUntil = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
      }
      update(c, username, failures, lockedUntil, row.lastTotpStep);
      return lockedUntil == null ? new SignIn.Failure(row.official) : new SignIn.Locked(row.official, lockedUntil);
    }
    update(c, username, 0, null, step);
    return new SignIn.Success(row.official);
  }

  private static void update(Connection c, String username, int failures, Instant lockedUntil, long lastStep)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE console_official SET failed_attempts = ?, locked_until = ?,"
        + " last_totp_step = ? WHERE username = ?")) {
      s.setInt(1, failures);
      s.setTimestamp(2, lockedUntil == null ? null : Timestamp.from(lockedUntil));
      s.setLong(3, lastStep);
      s.setString(4, username);
      s.executeUpdate();
    }
  }

  private record Row(Official official, String passwordHash, String totpSecret, long lastTotpStep, int failedAttempts,
      Instant lockedUntil) {}

  private static Optional<Row> row(Connection c, String username, boolean forUpdate) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT username, display_name, department_code, roles, password_hash,"
        + " totp_secret, last_totp_step, failed_attempts, locked_until FROM console_official WHERE username = ?"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, username);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Set<Official.Role> roles = EnumSet.noneOf(Official.Role.class);
        Arrays.stream(r.getString(4).split(",")).filter(x -> !x.isBlank()).map(Official.Role::valueOf).forEach(roles::add);
        Timestamp locked = r.getTimestamp(9);
        return Optional.of(new Row(new Official(r.getString(1), r.getString(2), r.getString(3), Set.copyOf(roles)),
            r.getString(5), r.getString(6), r.getLong(7), r.getInt(8), locked == null ? null : locked.toInstant()));
      }
    }
  }

  /** 20 characters from a 56-character alphabet without look-alikes: about 116 bits. */
  private String newPassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
