package dev.switchboard.events.routing;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * No agent can take a session now. The session stays queued; session-service may send the channel's
 * automatic reply (A4, W2).
 */
public record NoAgentAvailable(
    String id, String channelId, String sessionId, NoAgentReason reason, Instant occurredAt)
    implements RoutingEvent {

  public NoAgentAvailable {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireValue(reason, "reason");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
