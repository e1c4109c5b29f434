package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import dev.switchboard.events.common.AssignmentReason;
import java.time.Instant;

/**
 * session-service recorded that a session now belongs to an agent: the authoritative fact
 * (routing's {@code AgentAssigned} is only its decision). The gateway tells the agent's frontend
 * here.
 *
 * @param previousAgentId the agent who had it before, on a transfer or re-assignment
 * @param causedByEventId the event that led to it (an {@code AgentAssigned}, {@code
 *     SessionAccepted} or {@code SessionTransferred} id)
 */
public record SessionAssigned(
    String id,
    String channelId,
    String sessionId,
    String agentId,
    AssignmentReason reason,
    String previousAgentId,
    String causedByEventId,
    Instant occurredAt)
    implements SessionEvent {

  public SessionAssigned {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(agentId, "agentId");
    Checks.requireValue(reason, "reason");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
