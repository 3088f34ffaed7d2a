package dev.shuqiao.hub.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shuqiao.hub.WorkingCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionDeadlineTest {

  @ParameterizedTest(name = "applied {0} -> decide by {1}")
  @CsvSource({
      // China Standard Time = UTC+8; ten working days skip two weekends
      "2026-11-27T02:00:00Z, 2026-12-11T02:00:00Z",  // Friday 10:00 -> Friday two weeks later
      "2026-11-28T02:00:00Z, 2026-12-11T02:00:00Z",  // Saturday -> counts from Monday
      "2026-11-30T02:00:00Z, 2026-12-14T02:00:00Z",  // Monday -> Monday two weeks later
      "2026-11-27T17:00:00Z, 2026-12-10T17:00:00Z",  // Friday 17:00 UTC is Saturday 01:00 in Beijing: Friday 01:00 two weeks on
  })
  void decisionDeadline_isTenWorkingDaysInChinaStandardTime(String applied, String deadline) {
    assertThat(new GrantService(null, Clock.systemUTC(), WorkingCalendar.weekdays()).decisionDeadline(Instant.parse(applied))).isEqualTo(Instant.parse(deadline));
  }

  @Test
  void decisionDeadline_skipsConfiguredHolidaysAndCountsMakeUpWorkdays() {
    // An example National Day schedule (not an official one): 1-7 October off, Saturday 10 October worked.
    WorkingCalendar calendar = WorkingCalendar.builder()
        .holidays(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-07"))
        .workday(LocalDate.parse("2026-10-10"))
        .build();
    GrantService grants = new GrantService(null, Clock.systemUTC(), calendar);
    // Wednesday 30 September 10:00 in Beijing: 8, 9, 10 (Saturday, worked), 12-16 and 19, 20 October.
    assertThat(grants.decisionDeadline(Instant.parse("2026-09-30T02:00:00Z")))
        .isEqualTo(Instant.parse("2026-10-20T02:00:00Z"));
    // Without the holidays the same application is due on Wednesday 14 October.
    assertThat(new GrantService(null, Clock.systemUTC(), WorkingCalendar.weekdays())
        .decisionDeadline(Instant.parse("2026-09-30T02:00:00Z"))).isEqualTo(Instant.parse("2026-10-14T02:00:00Z"));
  }
}
