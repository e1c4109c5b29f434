package dev.switchboard.session.worktime.domain;

import dev.switchboard.events.config.settings.ChannelSections.TimeRange;
import dev.switchboard.events.config.settings.ChannelSections.WorkingTime;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A channel's working time (W1) as a calendar: whether the channel is open at an instant, and when
 * it next opens or closes. Built from the typed {@code workingTime} settings; plain Java, so it is
 * tested with fixed instants.
 *
 * <p>Each working range of a local date, {@code from} to {@code to} in the channel's IANA zone, is
 * the period of elapsed time from the first moment the zone's clock shows {@code from} to the first
 * moment it shows {@code to} ({@code 24:00} = the next day's start). So on the spring switch a time
 * inside the skipped hour counts from the end of the gap (a range from 02:30 opens at 03:00), and
 * on the autumn switch a time inside the repeated hour is its first occurrence (a range 02:30-04:00
 * lasts two and a half hours). A date that is a weekday off, a holiday, or a recurring holiday (its
 * month and day, every year) has no working ranges. {@code enabled = false}: always open.
 */
public final class WorkingCalendar {

  /** How far ahead the next opening or closing is looked for: a year and a bit. */
  static final int HORIZON_DAYS = 400;

  private static final ZoneId UTC = ZoneId.of("UTC");

  /** A period the channel is open, from {@code start} (inclusive) to {@code end} (exclusive). */
  public record Period(Instant start, Instant end) {
    boolean holds(Instant at) {
      return !at.isBefore(start) && at.isBefore(end);
    }
  }

  /** A working range of a day in local time; {@code to == null} stands for 24:00. */
  private record LocalRange(LocalTime from, LocalTime to) {}

  private final boolean enabled;
  private final ZoneId zone;
  private final Map<DayOfWeek, List<LocalRange>> weekly;
  private final Set<DayOfWeek> daysOff;
  private final Set<LocalDate> holidays;
  private final Set<MonthDay> recurringHolidays;

  private WorkingCalendar(
      boolean enabled,
      ZoneId zone,
      Map<DayOfWeek, List<LocalRange>> weekly,
      Set<DayOfWeek> daysOff,
      Set<LocalDate> holidays,
      Set<MonthDay> recurringHolidays) {
    this.enabled = enabled;
    this.zone = zone;
    this.weekly = weekly;
    this.daysOff = daysOff;
    this.holidays = holidays;
    this.recurringHolidays = recurringHolidays;
  }

  /**
   * The calendar of these settings (defaults filled in where absent). Values channel-config would
   * refuse (an unknown zone, a range that is not {@code HH:mm}) are not expected; they are read
   * leniently (UTC, the range ignored) rather than stopping the service.
   */
  public static WorkingCalendar of(WorkingTime settings) {
    WorkingTime w = settings == null ? null : settings.withDefaults();
    if (w == null || !w.enabled()) {
      return new WorkingCalendar(
          false,
          w == null ? UTC : zoneOf(w.timeZone()),
          new EnumMap<>(DayOfWeek.class),
          Set.of(),
          Set.of(),
          Set.of());
    }
    Map<DayOfWeek, List<LocalRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      List<LocalRange> ranges = new ArrayList<>();
      for (TimeRange range : w.weekly().getOrDefault(day, List.of())) {
        LocalRange parsed = parse(range);
        if (parsed != null) {
          ranges.add(parsed);
        }
      }
      ranges.sort(Comparator.comparing(LocalRange::from));
      weekly.put(day, List.copyOf(ranges));
    }
    return new WorkingCalendar(
        true,
        zoneOf(w.timeZone()),
        weekly,
        w.daysOff().isEmpty() ? Set.of() : EnumSet.copyOf(w.daysOff()),
        Set.copyOf(w.holidays()),
        Set.copyOf(w.recurringHolidays()));
  }

  /** False when working time is off: the channel is always open. */
  public boolean enabled() {
    return enabled;
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean isOpen(Instant at) {
    return !enabled || periodHolding(at).isPresent();
  }

  /**
   * The first instant at or after {@code at} at which the channel is open: {@code at} itself when
   * it is open; empty when it never opens within {@value #HORIZON_DAYS} days (no working hours).
   */
  public Optional<Instant> nextOpening(Instant at) {
    if (isOpen(at)) {
      return Optional.of(at);
    }
    return periodsFrom(at).stream().map(Period::start).filter(s -> !s.isBefore(at)).findFirst();
  }

  /**
   * The first instant at or after {@code at} at which the channel is closed: {@code at} itself when
   * it is closed; empty when it never closes (working time off, or open without a break for {@value
   * #HORIZON_DAYS} days). Periods that touch (Monday until 24:00, Tuesday from 00:00) are one.
   */
  public Optional<Instant> nextClosing(Instant at) {
    if (!enabled) {
      return Optional.empty();
    }
    Instant end = at;
    for (Period period : periodsFrom(at)) {
      if (period.start().isAfter(end)) {
        return Optional.of(end);
      }
      if (period.end().isAfter(end)) {
        end = period.end();
      }
    }
    // Open without a break up to the horizon (e.g. every day 00:00-24:00): no closing in sight.
    return end.equals(at) ? Optional.of(at) : Optional.empty();
  }

  /** Whether the date is a holiday, dated or recurring. */
  public boolean isHoliday(LocalDate date) {
    return holidays.contains(date) || recurringHolidays.contains(MonthDay.from(date));
  }

  /** Whether the channel works on that date at all (not a day off, not a holiday, has hours). */
  public boolean worksOn(LocalDate date) {
    return !localRanges(date).isEmpty();
  }

  /** The holidays, dated or recurring, from {@code from} for {@code days} days, in order. */
  public List<LocalDate> holidaysBetween(LocalDate from, int days) {
    List<LocalDate> found = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      LocalDate date = from.plusDays(i);
      if (isHoliday(date)) {
        found.add(date);
      }
    }
    return found;
  }

  private Optional<Period> periodHolding(Instant at) {
    LocalDate today = LocalDate.ofInstant(at, zone);
    for (LocalDate date = today.minusDays(1); !date.isAfter(today); date = date.plusDays(1)) {
      for (Period period : periodsOf(date)) {
        if (period.holds(at)) {
          return Optional.of(period);
        }
      }
    }
    return Optional.empty();
  }

  /** The periods that end after {@code at}, in order, up to the horizon. */
  private List<Period> periodsFrom(Instant at) {
    List<Period> periods = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(at, zone);
    for (int i = -1; i <= HORIZON_DAYS; i++) {
      for (Period period : periodsOf(today.plusDays(i))) {
        if (period.end().isAfter(at)) {
          periods.add(period);
        }
      }
    }
    return periods;
  }

  private List<Period> periodsOf(LocalDate date) {
    List<Period> periods = new ArrayList<>();
    for (LocalRange range : localRanges(date)) {
      Instant start = firstInstantShowing(date.atTime(range.from()));
      Instant end =
          range.to() == null
              ? firstInstantShowing(date.plusDays(1).atStartOfDay())
              : firstInstantShowing(date.atTime(range.to()));
      if (start.isBefore(end)) {
        periods.add(new Period(start, end));
      }
    }
    return periods;
  }

  private List<LocalRange> localRanges(LocalDate date) {
    if (!enabled || daysOff.contains(date.getDayOfWeek()) || isHoliday(date)) {
      return List.of();
    }
    return weekly.getOrDefault(date.getDayOfWeek(), List.of());
  }

  /**
   * The first instant at which the zone's clock shows this local time: in a gap (spring), the end
   * of the gap; in an overlap (autumn), the first occurrence.
   */
  private Instant firstInstantShowing(LocalDateTime local) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    // The earlier offset in an overlap is the larger one (summer time), i.e. the first occurrence.
    return local.toInstant(offsets.get(0));
  }

  private static LocalRange parse(TimeRange range) {
    if (range == null || range.from() == null || range.to() == null) {
      return null;
    }
    try {
      LocalTime from = LocalTime.parse(range.from());
      LocalTime to = range.to().equals("24:00") ? null : LocalTime.parse(range.to());
      return to == null || from.isBefore(to) ? new LocalRange(from, to) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static ZoneId zoneOf(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return UTC;
    }
  }
}
