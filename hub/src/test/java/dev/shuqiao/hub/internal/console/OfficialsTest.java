package dev.shuqiao.hub.internal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shuqiao.hub.internal.store.Database;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-in, lockout and sessions against the real schema (H2 in memory, migrated). */
class OfficialsTest {

  private final Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null, 2);
  private final Officials officials = new Officials(new SecureRandom());
  private final ConsoleSessions sessions = new ConsoleSessions(new SecureRandom());
  private final Instant start = Instant.parse("2026-12-07T02:00:05Z");

  @AfterEach
  void close() {
    db.close();
  }

  private Officials.Enrolment enrol() throws SQLException {
    return db.inTransaction(c -> officials.create(c, "clerk", "Clerk", "11450200MB0000000X",
        EnumSet.of(Official.Role.VIEWER), start));
  }

  private Officials.SignIn signIn(Officials.Enrolment e, String password, Instant at) throws SQLException {
    String code = Totp.code(Totp.decodeBase32(e.totpSecret()), Totp.step(at), 6, "HmacSHA1");
    return db.inTransaction(c -> officials.signIn(c, e.username(), password, code, at));
  }

  @Test
  void signIn_succeedsOnce_perTotpStep() throws SQLException {
    Officials.Enrolment e = enrol();

    assertThat(signIn(e, e.password(), start)).isInstanceOf(Officials.SignIn.Success.class);
    assertThat(signIn(e, e.password(), start.plusSeconds(1))).as("the same step again").isInstanceOf(Officials.SignIn.Failure.class);
    assertThat(signIn(e, e.password(), start.plusSeconds(30))).isInstanceOf(Officials.SignIn.Success.class);
  }

  @Test
  void lockout_doublesWithEachRoundOfFailures() throws SQLException {
    Officials.Enrolment e = enrol();
    Instant t = start;
    for (int i = 0; i < 4; i++) {
      assertThat(signIn(e, "wrong", t)).isInstanceOf(Officials.SignIn.Failure.class);
    }
    Officials.SignIn first = signIn(e, "wrong", t);
    assertThat(first).isInstanceOfSatisfying(Officials.SignIn.Locked.class,
        l -> assertThat(l.until()).isEqualTo(t.plus(Duration.ofMinutes(15))));

    Instant later = t.plus(Duration.ofMinutes(16));
    for (int i = 0; i < 4; i++) {
      assertThat(signIn(e, "wrong", later)).isInstanceOf(Officials.SignIn.Failure.class);
    }
    assertThat(signIn(e, "wrong", later)).isInstanceOfSatisfying(Officials.SignIn.Locked.class,
        l -> assertThat(l.until()).isEqualTo(later.plus(Duration.ofMinutes(30))));
    assertThat(signIn(e, e.password(), later.plus(Duration.ofMinutes(29)))).isInstanceOf(Officials.SignIn.Locked.class);
    assertThat(signIn(e, e.password(), later.plus(Duration.ofMinutes(31)))).isInstanceOf(Officials.SignIn.Success.class);
  }

  @Test
  void create_refusesABadNameAndAnOfficialWithoutDepartmentOrRole() {
    assertThatThrownBy(() -> db.inTransaction(c -> officials.create(c, "Bad Name", "x", "11450200MB0000000X",
        EnumSet.of(Official.Role.VIEWER), start))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user name");
    assertThatThrownBy(() -> db.inTransaction(c -> officials.create(c, "nodept", "x", null,
        EnumSet.of(Official.Role.APPROVER), start))).hasMessageContaining("department");
    assertThatThrownBy(() -> db.inTransaction(c -> officials.create(c, "norole", "x", "11450200MB0000000X",
        EnumSet.noneOf(Official.Role.class), start))).hasMessageContaining("role");
  }

  @Test
  void session_endsAfterFifteenIdleMinutes_orEightHoursInAll() throws SQLException {
    enrol();
    ConsoleSessions.Opened opened = db.inTransaction(c -> sessions.open(c, "clerk", start));

    assertThat(find(opened, start.plus(Duration.ofMinutes(14)))).isTrue();
    assertThat(find(opened, start.plus(Duration.ofMinutes(28)))).as("kept alive by the request at 14").isTrue();
    Instant t = start.plus(Duration.ofMinutes(28));
    while (t.isBefore(start.plus(Duration.ofHours(8)).minus(Duration.ofMinutes(10)))) {
      t = t.plus(Duration.ofMinutes(10));
      assertThat(find(opened, t)).isTrue();
    }
    assertThat(find(opened, start.plus(Duration.ofHours(8)))).as("absolute limit").isFalse();
    assertThat(find(opened, start.plus(Duration.ofMinutes(1)))).as("deleted, not just hidden").isFalse();

    ConsoleSessions.Opened idle = db.inTransaction(c -> sessions.open(c, "clerk", start));
    assertThat(find(idle, start.plus(Duration.ofMinutes(15)))).isFalse();
  }

  private boolean find(ConsoleSessions.Opened opened, Instant at) throws SQLException {
    return db.inTransaction(c -> sessions.find(c, opened.cookieValue(), at)).isPresent();
  }
}
