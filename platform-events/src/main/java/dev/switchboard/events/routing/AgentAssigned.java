package dev.switchboard.events.routing;

import dev.switchboard.events.Checks;
import dev.switchboard.events.common.AssignmentReason;
import java.time.Instant;

/**
 * routing-service decided a session goes to an agent without an offer (e.g. the CRM responsible
 * person, Q14) and reserved the agent's capacity. session-service records the fact as {@code
 * SessionAssigned}, or ignores the decision when the session has moved on meanwhile.
 *
 * @param offerId the offer this decision settles, if any
 */
public record AgentAssigned(
    String id,
    String channelId,
    String sessionId,
    String agentId,
    AssignmentReason reason,
    String offerId,
    Instant occurredAt)
    implements RoutingEvent {

  public AgentAssigned {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(agentId, "agentId");
    Checks.requireValue(reason, "reason");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
