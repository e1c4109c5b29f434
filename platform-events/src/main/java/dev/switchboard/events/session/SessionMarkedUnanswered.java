package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * No agent replied to the client within the channel's interval, so the session is marked unanswered
 * (A3).
 *
 * @param agentId the agent the session belongs to, if any
 * @param unansweredSince when the oldest unanswered client message arrived
 */
public record SessionMarkedUnanswered(
    String id,
    String channelId,
    String sessionId,
    String agentId,
    Instant unansweredSince,
    Instant occurredAt)
    implements SessionEvent {

  public SessionMarkedUnanswered {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireValue(unansweredSince, "unansweredSince");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
