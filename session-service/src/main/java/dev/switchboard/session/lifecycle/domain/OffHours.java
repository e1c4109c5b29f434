package dev.switchboard.session.lifecycle.domain;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.session.worktime.domain.WorkingCalendar;
import java.time.Instant;

/**
 * What working time (W1, W2) means for a client's message at a moment: whether the channel is
 * closed then, the off-hours text to send (once per session), and, for a new session with {@code
 * offHoursRouting} QUEUE_UNTIL_OPEN, when it is to be distributed. Plain Java.
 *
 * @param closed the channel is outside its working time
 * @param text the off-hours text to send, or null (open, or no text set)
 * @param distributeAt when a new session opened now waits until (the next opening), or null when it
 *     is distributed at once (open, ROUTE_ANYWAY, or no opening ahead)
 */
public record OffHours(boolean closed, String text, Instant distributeAt) {

  private static final OffHours OPEN = new OffHours(false, null, null);

  public static OffHours at(ChannelSections settings, Instant now) {
    ChannelSections.WorkingTime workingTime = settings.workingTime();
    WorkingCalendar calendar = WorkingCalendar.of(workingTime);
    if (calendar.isOpen(now)) {
      return OPEN;
    }
    String text =
        workingTime.offHoursText() == null || workingTime.offHoursText().isBlank()
            ? null
            : workingTime.offHoursText();
    Instant distributeAt =
        workingTime.offHoursRouting() == ChannelSections.OffHoursRouting.QUEUE_UNTIL_OPEN
            ? calendar.nextOpening(now).orElse(null)
            : null;
    return new OffHours(true, text, distributeAt);
  }
}
