package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.client.RetryOptions;
import dev.shuqiao.client.ShuqiaoClient;
import dev.shuqiao.client.model.CreateDepartmentOptions;
import dev.shuqiao.client.model.CreateGrantOptions;
import dev.shuqiao.client.model.Grant;
import dev.shuqiao.client.model.GrantRole;
import dev.shuqiao.client.model.ListGrantsOptions;
import dev.shuqiao.crypto.DepartmentIdentity;
import dev.shuqiao.crypto.KeyAlgorithm;
import dev.shuqiao.crypto.Pem;
import dev.shuqiao.crypto.TrustStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pending application carries the provider's decision deadline (10 working days); past it, the
 * application is overdue, listed for the provider and for the administrator (escalation), until
 * decided. The hub's and clients' clocks move together here.
 */
class GrantDeadlineIT {

  @TempDir
  Path dir;

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    volatile Instant now = Instant.now();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();
  private final TestCity city = new TestCity();
  private final TrustStore trust = TrustStore.builder().addRoot(city.ca.certificate())
      .addCrl(city.ca.crl(List.of(), Duration.ofDays(60))).build();
  private final DepartmentIdentity admin = city.department("柳州市大数据发展局", KeyAlgorithm.SM2);
  private final DepartmentIdentity health = city.department("柳州市卫生健康委员会", KeyAlgorithm.ED25519);
  private final DepartmentIdentity police = city.department("柳州市公安局", KeyAlgorithm.ECDSA_P256);

  /** The clock starts now (plus a second: certificates are valid from their issue) and stands still. */
  @BeforeEach
  void setTheClock() {
    clock.now = Instant.now().plusSeconds(1);
  }

  @Test
  void pendingApplication_becomesOverduePastTheDeadline_andIsListedForEscalation() {
    try (HubServer hub = start(WorkingCalendar.weekdays())) {
      ShuqiaoClient adminClient = client(hub, admin, clock);
      ShuqiaoClient healthClient = client(hub, health, clock);
      ShuqiaoClient policeClient = client(hub, police, clock);
      Grant applied = apply(hub);

      assertThat(applied.decideBy()).hasValueSatisfying(deadline -> assertThat(deadline)
          .isAfterOrEqualTo(applied.createdAt().plus(Duration.ofDays(12))) // 12 from a Saturday, 14 from a weekday
          .isBeforeOrEqualTo(applied.createdAt().plus(Duration.ofDays(16))));
      assertThat(applied.overdue()).isFalse();
      assertThat(healthClient.listGrants(ListGrantsOptions.overdue(GrantRole.PROVIDER))).isEmpty();

      clock.now = applied.decideBy().get().plusSeconds(1);
      assertThat(policeClient.getGrant(applied.id()).overdue()).isTrue();
      assertThat(healthClient.listGrants(ListGrantsOptions.overdue(GrantRole.PROVIDER))).extracting(Grant::id)
          .containsExactly(applied.id());
      assertThat(adminClient.listGrants(ListGrantsOptions.overdue(GrantRole.ALL))).extracting(Grant::id)
          .containsExactly(applied.id());
      assertThat(policeClient.listGrants(ListGrantsOptions.overdue(GrantRole.PROVIDER))).isEmpty();

      Grant approved = healthClient.approveGrant(applied.id(), "逾期后批准");
      assertThat(approved.overdue()).isFalse();
      assertThat(adminClient.listGrants(ListGrantsOptions.overdue(GrantRole.ALL))).isEmpty();
    }
  }

  @Test
  void configuredHolidays_pushTheDeadlineBack() {
    // From the hub's clock: from Instant.now(), a second before midnight in Beijing, "tomorrow" was today.
    java.time.LocalDate tomorrow = clock.instant().atZone(WorkingCalendar.CHINA).toLocalDate().plusDays(1);
    try (HubServer hub = start(WorkingCalendar.builder().holidays(tomorrow, tomorrow.plusDays(20)).build())) {
      Grant applied = apply(hub);

      // 21 holidays first, then 10 working days (12 to 16 calendar days from any weekday).
      assertThat(applied.decideBy()).hasValueSatisfying(deadline -> assertThat(deadline)
          .isAfterOrEqualTo(applied.createdAt().plus(Duration.ofDays(21 + 12)))
          .isBeforeOrEqualTo(applied.createdAt().plus(Duration.ofDays(21 + 16))));
    }
  }

  /** A hub with the calendar, health and police registered. */
  private HubServer start(WorkingCalendar calendar) {
    HubServer hub = HubServer.builder().port(0).dataDirectory(dir).trustStore(trust).clock(clock)
        .workingCalendar(calendar).addAdmin(admin.certificate()).build().start();
    ShuqiaoClient adminClient = client(hub, admin, clock);
    for (DepartmentIdentity d : List.of(health, police)) {
      adminClient.createDepartment(new CreateDepartmentOptions(TestCity.code(d), d.department().name(),
          Pem.encode(d.certificate()), "https://d.example.gov.cn"));
    }
    return hub;
  }

  /** Police applies for a conditional resource health registers. */
  private Grant apply(HubServer hub) {
    String code = HubApiContract.nextCode();
    client(hub, health, clock).createResources(
        Descriptors.catalog(Descriptors.conditional(code, TestCity.code(health), "出生医学证明信息")));
    return client(hub, police, clock).createGrant(new CreateGrantOptions(code, List.of("证明编号"), "出生一件事户籍登记",
        "《户口登记条例》第七条", clock.instant(), clock.instant().plus(Duration.ofDays(40))));
  }

  private static ShuqiaoClient client(HubServer hub, DepartmentIdentity identity, Clock clock) {
    return ShuqiaoClient.builder().endpoint(hub.uri().toString()).credential(identity).clock(clock)
        .retryOptions(RetryOptions.none()).build();
  }
}
