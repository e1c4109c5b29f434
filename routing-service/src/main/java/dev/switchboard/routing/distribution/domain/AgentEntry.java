package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.config.AgentAbsence;
import java.time.Instant;
import java.util.List;

/**
 * What routing needs to know about one agent from the agent directory (Q6). An agent without an
 * entry is treated as present and not dismissed: the directory is optional information.
 *
 * @param deleted the entry was removed from the directory; treated like a dismissal
 */
public record AgentEntry(
    String agentId, long version, boolean deleted, boolean dismissed, List<AgentAbsence> absences) {

  public AgentEntry {
    absences = absences == null ? List.of() : List.copyOf(absences);
  }

  /** Whether one of the absences covers {@code instant} (start inclusive, end exclusive). */
  public boolean absentAt(Instant instant) {
    return absences.stream().anyMatch(absence -> absence.covers(instant));
  }

  /** Whether the agent no longer works here and must never be routed to. */
  public boolean gone() {
    return deleted || dismissed;
  }
}
