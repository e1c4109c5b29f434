package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.presence.PresenceStatus;
import java.time.Instant;

/**
 * One agent's live state, shared by every routing instance (Redis): presence, how many sessions the
 * agent has open across all channels, and when the agent was last given one.
 *
 * @param lastAssignedAt null when the agent was never given a session
 */
public record AgentLiveState(
    String agentId, PresenceStatus presence, int load, Instant lastAssignedAt) {

  public AgentLiveState {
    presence = presence == null ? PresenceStatus.OFFLINE : presence;
  }

  /** An agent routing has never heard of: offline, no sessions. */
  public static AgentLiveState unknown(String agentId) {
    return new AgentLiveState(agentId, PresenceStatus.OFFLINE, 0, null);
  }
}
