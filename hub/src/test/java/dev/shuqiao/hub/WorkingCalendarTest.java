package dev.shuqiao.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingCalendarTest {

  @TempDir
  Path dir;

  @Test
  void weekdays_areMondayToFriday() {
    WorkingCalendar weekdays = WorkingCalendar.weekdays();
    assertThat(weekdays.isWorkingDay(LocalDate.parse("2026-11-27"))).isTrue();   // Friday
    assertThat(weekdays.isWorkingDay(LocalDate.parse("2026-11-28"))).isFalse();  // Saturday
    assertThat(weekdays.isWorkingDay(LocalDate.parse("2026-11-29"))).isFalse();  // Sunday
    assertThat(weekdays.configuredUntil()).isEmpty();
  }

  @Test
  void holidaysAndMakeUpWorkdays_overrideTheWeek() {
    WorkingCalendar calendar = WorkingCalendar.builder()
        .holidays(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-07"))
        .workday(LocalDate.parse("2026-09-27"))
        .build();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse();  // Thursday, holiday
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-07"))).isFalse();  // last day of the range
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-08"))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-27"))).isTrue();   // Sunday, worked
    assertThat(calendar.configuredUntil()).contains(LocalDate.parse("2026-10-07"));
    // Friday 25 September 18:00 in Beijing + 1 working day = Sunday 27 September (the make-up day).
    assertThat(calendar.plusWorkingDays(Instant.parse("2026-09-25T10:00:00Z"), 1))
        .isEqualTo(Instant.parse("2026-09-27T10:00:00Z"));
  }

  @Test
  void aDayCannotBeBothHolidayAndWorkday() {
    WorkingCalendar.Builder builder = WorkingCalendar.builder().workday(LocalDate.parse("2026-10-03"));
    assertThatThrownBy(() -> builder.holidays(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-07")))
        .hasMessage("2026-10-03 is listed both as a holiday and as a working day");
  }

  @Test
  void rangesMustBeOrderedAndShort() {
    assertThatThrownBy(() -> WorkingCalendar.builder().holidays(LocalDate.parse("2026-10-07"), LocalDate.parse("2026-10-01")))
        .hasMessageContaining("ends before it starts");
    assertThatThrownBy(() -> WorkingCalendar.builder().holidays(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")))
        .hasMessageContaining("longer than 31 days");
  }

  @Test
  void hubYaml_calendarIsApplied() throws Exception {
    WorkingCalendar calendar = load("""
        calendar:
          holidays: ["2026-10-01..2026-10-07", 2027-01-01]
          workdays: ["2026-10-10"]
        """);
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-05"))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2027-01-01"))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
    assertThat(calendar.configuredUntil()).contains(LocalDate.parse("2027-01-01"));
  }

  @Test
  void hubYaml_badCalendarEntriesAreNamed() throws Exception {
    assertThatThrownBy(() -> load("calendar:\n  holidays: [\"2026-10-01\", \"2026-13-01\"]\n"))
        .hasMessage("calendar.holidays[1]: '2026-13-01' is not a date (yyyy-MM-dd) or a range (yyyy-MM-dd..yyyy-MM-dd)");
    assertThatThrownBy(() -> load("calendar:\n  workdays: [\"2026-10-10..2026-10-11\"]\n"))
        .hasMessage("calendar.workdays[0]: a make-up working day is one date, not a range");
    assertThatThrownBy(() -> load("calendar:\n  holidays: [20261001]\n"))
        .hasMessageStartingWith("calendar.holidays[0]: expected a date");
    assertThatThrownBy(() -> load("calendar:\n  holiday: [\"2026-10-01\"]\n"))
        .hasMessageContaining("calendar: unknown key 'holiday'");
    assertThatThrownBy(() -> load("calendar:\n  holidays: [\"2026-10-01\"]\n  workdays: [\"2026-10-01\"]\n"))
        .hasMessage("calendar.workdays[0]: 2026-10-01 is listed both as a holiday and as a working day");
  }

  private WorkingCalendar load(String yaml) throws Exception {
    Path file = dir.resolve("hub.yaml");
    Files.writeString(file, yaml);
    return HubConfig.load(file).workingCalendar();
  }
}
