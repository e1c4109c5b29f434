package dev.switchboard.events.config.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.events.EventJson;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.settings.ChannelSections.Consent;
import dev.switchboard.events.config.settings.ChannelSections.OffHoursRouting;
import dev.switchboard.events.config.settings.ChannelSections.Other;
import dev.switchboard.events.config.settings.ChannelSections.Quality;
import dev.switchboard.events.config.settings.ChannelSections.UntilAnswered;
import dev.switchboard.events.config.settings.ChannelSections.WorkingTime;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelSectionsTest {

  /** A record as channel-config published it before the sections were typed. */
  private static final String OLD_RECORD =
      """
      {"id":"e1","channelId":"c1","version":3,"deleted":false,"occurredAt":"2026-12-01T10:00:00Z",
       "settings":{"name":"Support","active":true,
        "queue":{"members":[],"distributionMode":"EVENLY","agentIds":["a1"]},
        "routing":{"offerTimeoutSeconds":90,"checkAvailability":true,"requireClockIn":false,
                   "maxSessionsPerAgent":null,"excludeFromLimit":["ANSWERED"],"agentInfo":"HIDDEN"},
        "workingTime":{"enabled":true,"timeZone":"Europe/Madrid",
                       "weekly":{"MONDAY":[{"from":"09:00","to":"18:00"}],"TUESDAY":[]},
                       "daysOff":["SUNDAY"],"holidays":["2026-12-25"],"offHoursText":"Closed",
                       "showInWidget":true},
        "consent":{"enabled":true,"text":"We keep your data."},
        "quality":{"askRating":true,"closeOnRating":false},
        "other":{"widgetTitle":null,"saveHistory":true,"language":"es"},
        "agentEntries":{}}}
      """;

  private static ChannelSections typed(String json) {
    return EventJson.read(json.getBytes(StandardCharsets.UTF_8), ChannelConfigChanged.class)
        .settings()
        .typed();
  }

  @Test
  void aRecordPublishedBeforeTheNewFieldsReadsWithTheirDefaults() {
    ChannelSections s = typed(OLD_RECORD);

    assertEquals(90, s.routing().offerTimeoutSeconds());
    assertEquals(ChannelSections.AgentInfo.HIDDEN, s.routing().agentInfo());
    WorkingTime w = s.workingTime();
    assertEquals("Europe/Madrid", w.timeZone());
    assertEquals(
        List.of(new ChannelSections.TimeRange("09:00", "18:00")), w.weekly().get(DayOfWeek.MONDAY));
    assertEquals(List.of(), w.weekly().get(DayOfWeek.FRIDAY));
    assertEquals(Set.of(DayOfWeek.SUNDAY), w.daysOff());
    assertEquals(List.of(LocalDate.of(2026, 12, 25)), w.holidays());
    assertEquals(List.of(), w.recurringHolidays());
    assertEquals(OffHoursRouting.QUEUE_UNTIL_OPEN, w.offHoursRouting());
    Consent c = s.consent();
    assertEquals(1, c.version(), "a text published before versions is the first version");
    assertEquals(UntilAnswered.WAIT, c.untilAnswered());
    assertEquals("Acepto", c.acceptLabel(), "labels follow other.language");
    assertEquals(DefaultTexts.of("es").ratingRequestText(), s.quality().ratingRequestText());
    // Sections absent from the record take their defaults.
    assertEquals(false, s.automation().greetingEnabled());
    assertEquals(ChannelSections.Kpi.DEFAULT_TEMPLATE, s.kpi().template());
  }

  @Test
  void anUnreadableSectionTakesItsDefaultsAndTheOthersStay() {
    ChannelSections s =
        typed(OLD_RECORD.replace("\"offerTimeoutSeconds\":90", "\"offerTimeoutSeconds\":\"soon\""));

    assertEquals(60, s.routing().offerTimeoutSeconds());
    assertEquals("Europe/Madrid", s.workingTime().timeZone());
  }

  @Test
  void recurringHolidaysTravelAsMonthDays() throws Exception {
    var json = EventJson.newObjectMapper();
    WorkingTime w =
        json.readValue(
            "{\"recurringHolidays\":[\"--12-25\",\"--01-01\",\"--12-25\"],\"offHoursRouting\":\"ROUTE_ANYWAY\"}",
            WorkingTime.class);
    WorkingTime filled = w.withDefaults();

    assertEquals(List.of(MonthDay.of(1, 1), MonthDay.of(12, 25)), filled.recurringHolidays());
    assertEquals(OffHoursRouting.ROUTE_ANYWAY, filled.offHoursRouting());
    assertEquals("[\"--01-01\",\"--12-25\"]", json.writeValueAsString(filled.recurringHolidays()));
  }

  @Test
  void theConsentVersionGrowsOnlyWhenTheTextChanges() {
    ChannelSections none = ChannelSections.DEFAULTS;
    assertEquals(0, none.consent().version());

    ChannelSections first = withConsentText("v1 text", 99).managedAfter(none);
    assertEquals(1, first.consent().version(), "the sent version is ignored");

    ChannelSections same = withConsentText("v1 text", 5).managedAfter(first);
    assertEquals(1, same.consent().version());

    ChannelSections second = withConsentText("v2 text", null).managedAfter(same);
    assertEquals(2, second.consent().version());

    ChannelSections removed = withConsentText(null, null).managedAfter(second);
    assertEquals(2, removed.consent().version());
    assertNull(removed.consent().text());
  }

  @Test
  void defaultTextsFollowALanguageChangeButOwnTextsStay() {
    ChannelSections english = ChannelSections.DEFAULTS;
    ChannelSections german =
        new ChannelSections(
                null,
                null,
                null,
                english.consent(),
                null,
                new Quality(true, false, english.quality().ratingRequestText()),
                null,
                null,
                new Other(null, null, "de"))
            .managedAfter(english);
    assertEquals("Zustimmen", german.consent().acceptLabel());
    assertEquals(DefaultTexts.of("de").ratingRequestText(), german.quality().ratingRequestText());

    ChannelSections own =
        new ChannelSections(
                null,
                null,
                null,
                new Consent(null, null, null, null, null, "Yes", null),
                null,
                null,
                null,
                null,
                new Other(null, null, "ru"))
            .managedAfter(english);
    assertEquals("Yes", own.consent().acceptLabel());
    assertEquals("Не согласен", own.consent().declineLabel());
  }

  @Test
  void aLanguageWithoutTextsGetsTheEnglishOnes() {
    assertEquals(DefaultTexts.of("en"), DefaultTexts.of("fi"));
    assertEquals(
        "Please rate our conversation from 1 (bad) to 5 (excellent).",
        DefaultTexts.of(null).ratingRequestText());
    for (String language : List.of("en", "es", "ru", "de")) {
      assertEquals(language, DefaultTexts.of(language).language());
    }
  }

  private static ChannelSections withConsentText(String text, Integer sentVersion) {
    return new ChannelSections(
        null,
        null,
        null,
        new Consent(true, text, sentVersion, null, null, null, null),
        null,
        null,
        null,
        null,
        null);
  }
}
