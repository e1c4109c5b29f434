package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * A person transferred a session: to another agent ({@code toAgentId}), or to the queue of another
 * channel ({@code toChannelId}), or back to this channel's queue (both absent). With Q15 on,
 * crm-bridge makes the new agent responsible for a lead created from this chat.
 *
 * @param transferredBy the user who did it (the agent or a supervisor)
 */
public record SessionTransferred(
    String id,
    String channelId,
    String sessionId,
    String fromAgentId,
    String toAgentId,
    String toChannelId,
    String transferredBy,
    Instant occurredAt)
    implements SessionEvent {

  public SessionTransferred {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(transferredBy, "transferredBy");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
