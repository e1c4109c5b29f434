package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.presence.PresenceStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * Q6: whether an agent can be given a session at a given moment. With the channel's check on (the
 * default) the agent must be online, not dismissed and not absent, and, when the channel requires
 * it, clocked in; with it off only a dismissed agent is left out (the directory says a dismissed
 * agent is never routed to).
 */
public final class AgentAvailability {

  private AgentAvailability() {}

  /**
   * Empty when the agent is available, otherwise why not.
   *
   * @param entry the agent's directory entry, or null when the directory has none
   */
  public static Optional<Unavailability> check(
      AgentLiveState live, AgentEntry entry, Instant now, AvailabilityCheck check) {
    if (entry != null && entry.gone()) {
      return Optional.of(Unavailability.DISMISSED);
    }
    if (!check.requiresOnline()) {
      return Optional.empty();
    }
    if (live.presence() == PresenceStatus.AWAY) {
      return Optional.of(Unavailability.AWAY);
    }
    if (live.presence() != PresenceStatus.ONLINE) {
      return Optional.of(Unavailability.OFFLINE);
    }
    if (check.requiresClockIn() && !live.clockedIn()) {
      return Optional.of(Unavailability.NOT_CLOCKED_IN);
    }
    if (entry != null && entry.absentAt(now)) {
      return Optional.of(Unavailability.ABSENT);
    }
    return Optional.empty();
  }

  public static boolean isAvailable(
      AgentLiveState live, AgentEntry entry, Instant now, AvailabilityCheck check) {
    return check(live, entry, now, check).isEmpty();
  }
}
