package dev.switchboard.events.presence;

import dev.switchboard.events.Checks;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import java.time.Instant;

/**
 * An agent's presence or working-day clock changed (Q6). Published by the gateway on topic {@value
 * Topics#PRESENCE}, keyed by agent id; routing keeps the latest state per agent.
 *
 * @param clockedIn whether the agent has clocked in to the working day
 */
public record AgentPresenceChanged(
    String id,
    String agentId,
    PresenceStatus status,
    boolean clockedIn,
    PresenceChangeReason reason,
    Instant occurredAt)
    implements PlatformEvent {

  public AgentPresenceChanged {
    Checks.requireText(id, "id");
    Checks.requireText(agentId, "agentId");
    Checks.requireValue(status, "status");
    Checks.requireValue(reason, "reason");
    Checks.requireValue(occurredAt, "occurredAt");
  }

  @Override
  public String partitionKey() {
    return agentId;
  }
}
