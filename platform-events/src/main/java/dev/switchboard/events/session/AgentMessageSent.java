package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import dev.switchboard.events.common.Attachment;
import java.time.Instant;
import java.util.List;

/**
 * An agent replied in a session. kpi-service stops the open response clocks here; the reply itself
 * travels to the client as an {@code OutboundMessageRequested}.
 *
 * @param messageId session-service's id of the message
 */
public record AgentMessageSent(
    String id,
    String channelId,
    String sessionId,
    String messageId,
    String agentId,
    String text,
    List<Attachment> attachments,
    Instant occurredAt)
    implements SessionEvent {

  public AgentMessageSent {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(messageId, "messageId");
    Checks.requireText(agentId, "agentId");
    Checks.requireValue(occurredAt, "occurredAt");
    attachments = Checks.listOrEmpty(attachments);
  }
}
