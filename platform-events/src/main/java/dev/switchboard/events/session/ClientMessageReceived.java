package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import dev.switchboard.events.common.Attachment;
import java.time.Instant;
import java.util.List;

/**
 * A client's message was added to a session. kpi-service starts its response clocks (K1, K2) here.
 *
 * @param messageId session-service's id of the message
 * @param inboundEventId the id of the {@code InboundMessageReceived} it came from
 * @param externalMessageId the connector's id of the message
 * @param sentAt when the client sent it, by the messenger's clock, when known
 */
public record ClientMessageReceived(
    String id,
    String channelId,
    String sessionId,
    String messageId,
    String clientId,
    String inboundEventId,
    String externalMessageId,
    String text,
    List<Attachment> attachments,
    Instant sentAt,
    Instant occurredAt)
    implements SessionEvent {

  public ClientMessageReceived {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(messageId, "messageId");
    Checks.requireValue(occurredAt, "occurredAt");
    attachments = Checks.listOrEmpty(attachments);
  }
}
