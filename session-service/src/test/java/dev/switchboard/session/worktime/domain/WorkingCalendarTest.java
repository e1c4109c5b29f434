package dev.switchboard.session.worktime.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.events.config.settings.ChannelSections.TimeRange;
import dev.switchboard.events.config.settings.ChannelSections.WorkingTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** W1 with fixed instants: Europe/Madrid is UTC+1 in winter (CET) and UTC+2 in summer (CEST). */
class WorkingCalendarTest {

  private static final String MADRID = "Europe/Madrid";

  /** Monday to Friday 09:00-18:00, weekends off, 8 December a holiday, 6 January every year. */
  private static final WorkingCalendar OFFICE =
      WorkingCalendar.of(
          workingTime(
              MADRID,
              weekdays(range("09:00", "18:00")),
              Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
              List.of(LocalDate.of(2026, 12, 8)),
              List.of(MonthDay.of(1, 6))));

  @Test
  void isOpenWithinTheHoursOfTheChannelsZone() {
    // Wednesday 2026-03-18, CET: 09:00 local is 08:00Z.
    assertFalse(OFFICE.isOpen(Instant.parse("2026-03-18T07:59:59Z")));
    assertTrue(OFFICE.isOpen(Instant.parse("2026-03-18T08:00:00Z")));
    assertTrue(OFFICE.isOpen(Instant.parse("2026-03-18T16:59:59Z")));
    assertFalse(OFFICE.isOpen(Instant.parse("2026-03-18T17:00:00Z")));
    // Wednesday 2026-07-15, CEST: 09:00 local is 07:00Z.
    assertTrue(OFFICE.isOpen(Instant.parse("2026-07-15T07:00:00Z")));
    assertFalse(OFFICE.isOpen(Instant.parse("2026-07-15T16:00:00Z")));
  }

  @Test
  void aDayOffIsClosedAllDay() {
    assertFalse(OFFICE.isOpen(Instant.parse("2026-03-21T11:00:00Z"))); // Saturday, 12:00 local
  }

  @Test
  void aHolidayIsClosedAllDay() {
    assertFalse(OFFICE.isOpen(Instant.parse("2026-12-08T11:00:00Z"))); // Tuesday
    assertTrue(OFFICE.isOpen(Instant.parse("2026-12-09T11:00:00Z")));
    assertTrue(OFFICE.isHoliday(LocalDate.of(2026, 12, 8)));
    assertFalse(OFFICE.isHoliday(LocalDate.of(2027, 12, 8)), "a dated holiday is one year only");
  }

  @Test
  void aRecurringHolidayIsClosedEveryYear() {
    assertFalse(OFFICE.isOpen(Instant.parse("2027-01-06T11:00:00Z"))); // Wednesday
    assertFalse(OFFICE.isOpen(Instant.parse("2028-01-06T11:00:00Z"))); // Thursday
    assertTrue(OFFICE.isOpen(Instant.parse("2027-01-07T11:00:00Z")));
    assertEquals(
        List.of(LocalDate.of(2026, 12, 8), LocalDate.of(2027, 1, 6)),
        OFFICE.holidaysBetween(LocalDate.of(2026, 12, 1), 60));
  }

  @Test
  void theNextOpeningAfterFridayEveningIsMondayMorning() {
    Instant fridayEvening = Instant.parse("2026-03-20T18:30:00Z"); // Friday 19:30 local
    assertFalse(OFFICE.isOpen(fridayEvening));
    assertEquals(
        Optional.of(Instant.parse("2026-03-23T08:00:00Z")), OFFICE.nextOpening(fridayEvening));
  }

  @Test
  void theNextOpeningSkipsAHoliday() {
    Instant mondayEvening = Instant.parse("2026-12-07T17:00:00Z"); // Monday 18:00 local
    assertEquals(
        Optional.of(Instant.parse("2026-12-09T08:00:00Z")), OFFICE.nextOpening(mondayEvening));
    // Before the Epiphany holiday (Wednesday 2027-01-06): Tuesday evening → Thursday.
    assertEquals(
        Optional.of(Instant.parse("2027-01-07T08:00:00Z")),
        OFFICE.nextOpening(Instant.parse("2027-01-05T20:00:00Z")));
  }

  @Test
  void whenOpenTheNextOpeningIsNowAndTheNextClosingTheEndOfTheDay() {
    Instant now = Instant.parse("2026-03-18T10:00:00Z");
    assertEquals(Optional.of(now), OFFICE.nextOpening(now));
    assertEquals(Optional.of(Instant.parse("2026-03-18T17:00:00Z")), OFFICE.nextClosing(now));
    Instant closed = Instant.parse("2026-03-18T20:00:00Z");
    assertEquals(Optional.of(closed), OFFICE.nextClosing(closed));
  }

  @Test
  void severalRangesADay() {
    WorkingCalendar split =
        WorkingCalendar.of(
            workingTime(
                "UTC",
                Map.of(DayOfWeek.MONDAY, List.of(range("14:00", "18:00"), range("09:00", "13:00"))),
                Set.of(),
                List.of(),
                List.of()));
    Instant lunch = Instant.parse("2026-03-16T13:30:00Z"); // Monday
    assertFalse(split.isOpen(lunch));
    assertEquals(Optional.of(Instant.parse("2026-03-16T14:00:00Z")), split.nextOpening(lunch));
    assertEquals(
        Optional.of(Instant.parse("2026-03-16T13:00:00Z")),
        split.nextClosing(Instant.parse("2026-03-16T09:00:00Z")));
  }

  @Test
  void aRangeUntil2400RunsIntoTheNextDaysRange() {
    Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
    weekly.put(DayOfWeek.MONDAY, List.of(range("20:00", "24:00")));
    weekly.put(DayOfWeek.TUESDAY, List.of(range("00:00", "02:00")));
    WorkingCalendar night =
        WorkingCalendar.of(workingTime("UTC", weekly, Set.of(), List.of(), List.of()));
    assertTrue(night.isOpen(Instant.parse("2026-03-16T23:59:59Z")));
    assertTrue(night.isOpen(Instant.parse("2026-03-17T00:00:00Z")));
    assertEquals(
        Optional.of(Instant.parse("2026-03-17T02:00:00Z")),
        night.nextClosing(Instant.parse("2026-03-16T21:00:00Z")));
  }

  @Test
  void openAroundTheClockNeverClosesUntilAHoliday() {
    WorkingCalendar always =
        WorkingCalendar.of(
            workingTime("UTC", weekdays(range("00:00", "24:00")), Set.of(), List.of(), List.of()));
    Instant now = Instant.parse("2026-03-18T10:00:00Z");
    assertTrue(always.isOpen(now));
    assertEquals(Optional.empty(), always.nextClosing(now));

    WorkingCalendar christmas =
        WorkingCalendar.of(
            workingTime(
                "UTC",
                weekdays(range("00:00", "24:00")),
                Set.of(),
                List.of(),
                List.of(MonthDay.of(12, 25))));
    assertEquals(Optional.of(Instant.parse("2026-12-25T00:00:00Z")), christmas.nextClosing(now));
  }

  @Test
  void workingTimeOffIsAlwaysOpen() {
    WorkingCalendar off =
        WorkingCalendar.of(
            new WorkingTime(false, MADRID, null, null, null, null, null, null, null));
    Instant sundayNight = Instant.parse("2026-03-22T03:00:00Z");
    assertTrue(off.isOpen(sundayNight));
    assertEquals(Optional.of(sundayNight), off.nextOpening(sundayNight));
    assertEquals(Optional.empty(), off.nextClosing(sundayNight));
    assertTrue(WorkingCalendar.of(null).isOpen(sundayNight));
  }

  @Test
  void workingTimeOnWithoutHoursNeverOpens() {
    WorkingCalendar never =
        WorkingCalendar.of(workingTime(MADRID, Map.of(), Set.of(), List.of(), List.of()));
    Instant now = Instant.parse("2026-03-18T10:00:00Z");
    assertFalse(never.isOpen(now));
    assertEquals(Optional.empty(), never.nextOpening(now));
  }

  /** Sunday 2026-03-29: at 02:00 CET the clocks go to 03:00 CEST (01:00Z). */
  @Nested
  class SpringForward {

    private final WorkingCalendar sunday =
        WorkingCalendar.of(
            workingTime(
                MADRID,
                Map.of(
                    DayOfWeek.SUNDAY, List.of(range("02:30", "10:00")),
                    DayOfWeek.MONDAY, List.of(range("09:00", "18:00"))),
                Set.of(),
                List.of(),
                List.of()));

    @Test
    void aRangeStartingInTheSkippedHourOpensWhenTheGapEnds() {
      assertFalse(sunday.isOpen(Instant.parse("2026-03-29T00:59:59Z"))); // 01:59:59 CET
      assertTrue(sunday.isOpen(Instant.parse("2026-03-29T01:00:00Z"))); // 03:00 CEST
      assertEquals(
          Optional.of(Instant.parse("2026-03-29T01:00:00Z")),
          sunday.nextOpening(Instant.parse("2026-03-29T00:00:00Z")));
      assertEquals(
          Optional.of(Instant.parse("2026-03-29T08:00:00Z")), // 10:00 CEST
          sunday.nextClosing(Instant.parse("2026-03-29T01:00:00Z")));
    }

    @Test
    void theDayAfterOpensAnHourEarlierInUtc() {
      assertEquals(
          Optional.of(Instant.parse("2026-03-23T08:00:00Z")), // Monday before: 09:00 CET
          sunday.nextOpening(Instant.parse("2026-03-22T12:00:00Z")));
      assertEquals(
          Optional.of(Instant.parse("2026-03-30T07:00:00Z")), // Monday after: 09:00 CEST
          sunday.nextOpening(Instant.parse("2026-03-29T12:00:00Z")));
    }
  }

  /** Sunday 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET (01:00Z). */
  @Nested
  class FallBack {

    @Test
    void aRangeStartingInTheRepeatedHourOpensAtItsFirstOccurrenceAndLastsToItsEnd() {
      WorkingCalendar sunday =
          WorkingCalendar.of(
              workingTime(
                  MADRID,
                  Map.of(DayOfWeek.SUNDAY, List.of(range("02:30", "04:00"))),
                  Set.of(),
                  List.of(),
                  List.of()));
      assertFalse(sunday.isOpen(Instant.parse("2026-10-25T00:29:59Z"))); // 02:29:59 CEST
      assertTrue(sunday.isOpen(Instant.parse("2026-10-25T00:30:00Z"))); // 02:30 CEST
      assertTrue(sunday.isOpen(Instant.parse("2026-10-25T01:15:00Z"))); // 02:15 CET, again
      assertTrue(sunday.isOpen(Instant.parse("2026-10-25T02:59:59Z"))); // 03:59:59 CET
      assertFalse(sunday.isOpen(Instant.parse("2026-10-25T03:00:00Z"))); // 04:00 CET
      Instant opening = sunday.nextOpening(Instant.parse("2026-10-24T22:00:00Z")).orElseThrow();
      Instant closing = sunday.nextClosing(opening).orElseThrow();
      assertEquals(Instant.parse("2026-10-25T00:30:00Z"), opening);
      assertEquals(Duration.ofMinutes(150), Duration.between(opening, closing));
    }

    @Test
    void aRangeEndingInTheRepeatedHourClosesAtItsFirstOccurrence() {
      WorkingCalendar night =
          WorkingCalendar.of(
              workingTime(
                  MADRID,
                  Map.of(DayOfWeek.SUNDAY, List.of(range("00:00", "02:30"))),
                  Set.of(),
                  List.of(),
                  List.of()));
      assertTrue(night.isOpen(Instant.parse("2026-10-24T22:00:00Z"))); // 00:00 CEST
      assertEquals(
          Optional.of(Instant.parse("2026-10-25T00:30:00Z")),
          night.nextClosing(Instant.parse("2026-10-24T22:00:00Z")));
      assertFalse(night.isOpen(Instant.parse("2026-10-25T01:15:00Z"))); // 02:15 CET, again
    }
  }

  private static TimeRange range(String from, String to) {
    return new TimeRange(from, to);
  }

  private static Map<DayOfWeek, List<TimeRange>> weekdays(TimeRange range) {
    Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.put(day, List.of(range));
    }
    return weekly;
  }

  private static WorkingTime workingTime(
      String zone,
      Map<DayOfWeek, List<TimeRange>> weekly,
      Set<DayOfWeek> daysOff,
      List<LocalDate> holidays,
      List<MonthDay> recurringHolidays) {
    return new WorkingTime(
        true, zone, weekly, daysOff, holidays, null, false, recurringHolidays, null);
  }
}
