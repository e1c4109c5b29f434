package dev.switchboard.session.history.api;

import dev.switchboard.platform.runtime.api.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code ?from=&to=} of a report or list: ISO-8601 instants, {@code from} inclusive, {@code to}
 * exclusive, each optional (null: open on that side).
 */
public record Period(Instant from, Instant to) {

  /**
   * The period of a request, checked: a value that is not an instant, or a {@code from} after
   * {@code to}, is a 400 naming the field.
   */
  public static Period of(String from, String to) {
    Period period = new Period(instant("from", from), instant("to", to));
    if (period.from() != null && period.to() != null && period.from().isAfter(period.to())) {
      throw ProblemException.badField("from", "must not be after to");
    }
    return period;
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ProblemException.badField(
          field, "must be an ISO-8601 instant, e.g. 2026-11-25T10:15:30Z");
    }
  }

  /** A query parameter that names something (a channel, an agent): null when absent or blank. */
  public static String present(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
