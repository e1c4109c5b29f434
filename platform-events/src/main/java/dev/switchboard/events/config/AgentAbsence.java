package dev.switchboard.events.config;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * A period in which an agent is away (vacation, leave) and must not be routed to (Q6).
 *
 * @param startsAt inclusive
 * @param endsAt exclusive
 * @param reason free text, e.g. {@code VACATION}
 */
public record AgentAbsence(Instant startsAt, Instant endsAt, String reason) {

  public AgentAbsence {
    Checks.requireValue(startsAt, "absence.startsAt");
    Checks.requireValue(endsAt, "absence.endsAt");
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("absence.endsAt must be after absence.startsAt");
    }
  }

  /** Whether the agent is absent at {@code instant}. */
  public boolean covers(Instant instant) {
    return !instant.isBefore(startsAt) && instant.isBefore(endsAt);
  }
}
