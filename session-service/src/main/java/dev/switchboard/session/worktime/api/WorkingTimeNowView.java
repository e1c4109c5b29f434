package dev.switchboard.session.worktime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.events.config.settings.ChannelSections.TimeRange;
import dev.switchboard.events.config.settings.ChannelSections.WorkingTime;
import dev.switchboard.session.worktime.domain.WorkingCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** W3: whether a channel is open now and when it opens or closes next, for the widget. */
public record WorkingTimeNowView(
    String channelId,
    @Schema(description = "W1: open now; always true when working time is off") boolean open,
    @Schema(description = "The server's time of the answer") Instant now,
    @Schema(description = "W1: the channel's IANA time zone") String timeZone,
    @Schema(
            description =
                "When the channel next opens: null while it is open, or when it never opens"
                    + " (working time on without hours)")
        Instant nextOpeningAt,
    @Schema(
            description =
                "When the current period ends (open), or the period starting at nextOpeningAt"
                    + " (closed); null when it does not close (working time off, or open around"
                    + " the clock)")
        Instant nextClosingAt,
    @Schema(description = "W3, only with workingTime.showInWidget: the hours per weekday, HH:mm")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Map<DayOfWeek, List<TimeRange>> weekly,
    @Schema(description = "W3, only with workingTime.showInWidget: the weekdays off")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Set<DayOfWeek> daysOff,
    @Schema(
            description =
                "W3, only with workingTime.showInWidget: the holidays (dated and recurring) of the"
                    + " next 90 days in the channel's zone, ISO dates")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<LocalDate> upcomingHolidays) {

  /** How far ahead {@code upcomingHolidays} looks. */
  static final int UPCOMING_DAYS = 90;

  static WorkingTimeNowView of(String channelId, WorkingTime settings, Instant now) {
    WorkingCalendar calendar = WorkingCalendar.of(settings);
    boolean open = calendar.isOpen(now);
    Instant nextOpening = open ? null : calendar.nextOpening(now).orElse(null);
    Instant nextClosing =
        open
            ? calendar.nextClosing(now).orElse(null)
            : nextOpening == null ? null : calendar.nextClosing(nextOpening).orElse(null);
    boolean shown = settings.showInWidget();
    return new WorkingTimeNowView(
        channelId,
        open,
        now,
        calendar.zone().getId(),
        nextOpening,
        nextClosing,
        shown ? settings.weekly() : null,
        shown ? settings.daysOff() : null,
        shown
            ? calendar.holidaysBetween(LocalDate.ofInstant(now, calendar.zone()), UPCOMING_DAYS)
            : null);
  }
}
