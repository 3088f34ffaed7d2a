package dev.shuqiao.hub.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
    assertThat(GrantService.decisionDeadline(Instant.parse(applied))).isEqualTo(Instant.parse(deadline));
  }
}
