package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.presence.PresenceStatus;
import java.time.Instant;

/**
 * One agent's live state, shared by every routing instance (Redis): presence, whether the agent
 * clocked in to the working day, how many sessions the agent has open across all channels, and when
 * the agent was last given one.
 *
 * @param lastAssignedAt null when the agent was never given a session
 * @param clockedIn the latest presence change said so; false for an agent never seen
 */
public record AgentLiveState(
    String agentId, PresenceStatus presence, int load, Instant lastAssignedAt, boolean clockedIn) {

  public AgentLiveState {
    presence = presence == null ? PresenceStatus.OFFLINE : presence;
  }

  /** An agent not clocked in (what matters only in a channel that requires it). */
  public AgentLiveState(String agentId, PresenceStatus presence, int load, Instant lastAssignedAt) {
    this(agentId, presence, load, lastAssignedAt, false);
  }

  /** An agent routing has never heard of: offline, not clocked in, no sessions. */
  public static AgentLiveState unknown(String agentId) {
    return new AgentLiveState(agentId, PresenceStatus.OFFLINE, 0, null, false);
  }
}
