package dev.shuqiao.hub;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which days count as working days for deadlines such as a provider's decision on an application:
 * Monday to Friday in China Standard Time, minus the public holidays the city configures, plus the
 * make-up working days (调休) that move onto a weekend. The State Council publishes each year's
 * schedule; the hub does not guess it, so a city lists the days in {@code hub.yaml}
 * ({@code calendar.holidays}, {@code calendar.workdays}, see docs/hub-api.md).
 *
 * <pre>{@code
 * WorkingCalendar calendar = WorkingCalendar.builder()
 *     .holidays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7))
 *     .workday(LocalDate.of(2026, 10, 10))
 *     .build();
 * }</pre>
 */
public final class WorkingCalendar {

  /** China Standard Time, where every deadline's days are counted. */
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private static final WorkingCalendar WEEKDAYS = builder().build();
  /** A range longer than this is a typing mistake, not a holiday. */
  private static final int MAX_RANGE_DAYS = 31;

  private final NavigableSet<LocalDate> holidays;
  private final NavigableSet<LocalDate> workdays;

  private WorkingCalendar(Builder b) {
    this.holidays = Collections.unmodifiableNavigableSet(new TreeSet<>(b.holidays));
    this.workdays = Collections.unmodifiableNavigableSet(new TreeSet<>(b.workdays));
  }

  /** Monday to Friday, no holidays configured. */
  public static WorkingCalendar weekdays() {
    return WEEKDAYS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True for a configured make-up working day, false for a configured holiday, otherwise Monday to Friday. */
  public boolean isWorkingDay(LocalDate day) {
    if (workdays.contains(day)) {
      return true;
    }
    if (holidays.contains(day)) {
      return false;
    }
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /**
   * {@code from} plus {@code days} working days at the same time of day in China Standard Time:
   * counting starts with the day after {@code from}, and the deadline falls on a working day.
   */
  public Instant plusWorkingDays(Instant from, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative");
    }
    ZonedDateTime day = from.atZone(CHINA);
    for (int left = days; left > 0; ) {
      day = day.plusDays(1);
      if (isWorkingDay(day.toLocalDate())) {
        left--;
      }
    }
    return day.toInstant();
  }

  /**
   * The last day the configuration says anything about; after it every week is counted Monday to
   * Friday. Empty when nothing is configured. The hub warns when this is close, because next
   * year's schedule then still has to be added.
   */
  public Optional<LocalDate> configuredUntil() {
    LocalDate last = null;
    if (!holidays.isEmpty()) {
      last = holidays.last();
    }
    if (!workdays.isEmpty() && (last == null || workdays.last().isAfter(last))) {
      last = workdays.last();
    }
    return Optional.ofNullable(last);
  }

  /** Collects a city's holidays and make-up working days; a day cannot be both. */
  public static final class Builder {

    private final NavigableSet<LocalDate> holidays = new TreeSet<>();
    private final NavigableSet<LocalDate> workdays = new TreeSet<>();

    private Builder() {}

    /** A public holiday (a weekday that is not worked). */
    public Builder holiday(LocalDate day) {
      return holidays(day, day);
    }

    /** Every day from {@code first} to {@code last} inclusive is a holiday (at most 31 days). */
    public Builder holidays(LocalDate first, LocalDate last) {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(last, "last");
      if (last.isBefore(first)) {
        throw new IllegalArgumentException("holiday range " + first + ".." + last + " ends before it starts");
      }
      if (first.plusDays(MAX_RANGE_DAYS).isBefore(last)) {
        throw new IllegalArgumentException("holiday range " + first + ".." + last + " is longer than "
            + MAX_RANGE_DAYS + " days");
      }
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        if (workdays.contains(day)) {
          throw conflict(day);
        }
        holidays.add(day);
      }
      return this;
    }

    /** A make-up working day (调休), usually a Saturday or Sunday next to a holiday. */
    public Builder workday(LocalDate day) {
      Objects.requireNonNull(day, "day");
      if (holidays.contains(day)) {
        throw conflict(day);
      }
      workdays.add(day);
      return this;
    }

    public WorkingCalendar build() {
      return new WorkingCalendar(this);
    }

    private static IllegalArgumentException conflict(LocalDate day) {
      return new IllegalArgumentException(day + " is listed both as a holiday and as a working day");
    }
  }

  /**
   * Parses {@code yyyy-MM-dd} or a range {@code yyyy-MM-dd..yyyy-MM-dd} into {@code [first, last]}.
   *
   * @throws IllegalArgumentException naming the text that is not a date or range
   */
  static LocalDate[] parseDays(String text) {
    String[] parts = text.split("\\.\\.", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("'" + text + "' is not a date (yyyy-MM-dd) or a range (yyyy-MM-dd..yyyy-MM-dd)");
    }
    try {
      LocalDate first = LocalDate.parse(parts[0].strip());
      LocalDate last = parts.length == 2 ? LocalDate.parse(parts[1].strip()) : first;
      return new LocalDate[] {first, last};
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a date (yyyy-MM-dd) or a range (yyyy-MM-dd..yyyy-MM-dd)");
    }
  }
}
