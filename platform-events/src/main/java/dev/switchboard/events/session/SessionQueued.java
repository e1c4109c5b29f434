package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * A session waits for an agent: routing-service distributes it.
 *
 * @param preferredAgentId an agent to try first when known (e.g. the previous agent of a re-opened
 *     session)
 */
public record SessionQueued(
    String id,
    String channelId,
    String sessionId,
    QueueReason reason,
    String preferredAgentId,
    Instant occurredAt)
    implements SessionEvent {

  public SessionQueued {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireValue(reason, "reason");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
