package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * An agent took a session offered to them (through the agent API). routing-service withdraws the
 * other agents' offers of the same session (Q4).
 *
 * @param offerId the offer that was accepted, when the session came as an offer
 */
public record SessionAccepted(
    String id,
    String channelId,
    String sessionId,
    String agentId,
    String offerId,
    Instant occurredAt)
    implements SessionEvent {

  public SessionAccepted {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(agentId, "agentId");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
