package dev.switchboard.events.inbound;

import dev.switchboard.events.Checks;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import java.time.Instant;
import java.util.List;

/**
 * A client's message, normalised by a connector: the public contract for connector developers
 * (topic {@value Topics#INBOUND_MESSAGES}, JSON Schema {@code
 * schemas/inbound-message-received.v1.json}).
 *
 * <p>Delivery is at least once: session-service ignores a second message with the same {@code
 * (connectorId, externalMessageId)}, and a second record with the same {@code id}.
 *
 * @param id a UUID chosen by the connector for this record
 * @param connectorId the connector registration the message came through (from channel-config)
 * @param accountId the connector account: a bot, page, phone number or widget id (G3)
 * @param externalChatId the chat in the connector; with connectorType and accountId it is the
 *     record key
 * @param externalMessageId the connector's own id of the message
 * @param text the message text; may be absent when the message has only attachments. For a pressed
 *     button, the button's label, so the history reads as the client saw it
 * @param buttonValue the {@code value} of the button the client pressed (an {@code
 *     OutboundMessageRequested} button); absent for a message the client typed
 * @param attachments files sent with the message; empty when there are none
 * @param sentAt when the client sent it, by the messenger's clock (may be absent)
 * @param occurredAt when the platform (the connector) received it
 */
public record InboundMessageReceived(
    String id,
    ConnectorType connectorType,
    String connectorId,
    String accountId,
    String externalChatId,
    String externalMessageId,
    ClientIdentity client,
    String text,
    String buttonValue,
    List<Attachment> attachments,
    Instant sentAt,
    Instant occurredAt)
    implements PlatformEvent {

  public InboundMessageReceived {
    Checks.requireText(id, "id");
    Checks.requireValue(connectorType, "connectorType");
    Checks.requireText(connectorId, "connectorId");
    Checks.requireText(accountId, "accountId");
    Checks.requireText(externalChatId, "externalChatId");
    Checks.requireText(externalMessageId, "externalMessageId");
    Checks.requireValue(client, "client");
    Checks.requireValue(occurredAt, "occurredAt");
    attachments = Checks.listOrEmpty(attachments);
  }

  /** A message the client typed: no button pressed. */
  public InboundMessageReceived(
      String id,
      ConnectorType connectorType,
      String connectorId,
      String accountId,
      String externalChatId,
      String externalMessageId,
      ClientIdentity client,
      String text,
      List<Attachment> attachments,
      Instant sentAt,
      Instant occurredAt) {
    this(
        id,
        connectorType,
        connectorId,
        accountId,
        externalChatId,
        externalMessageId,
        client,
        text,
        null,
        attachments,
        sentAt,
        occurredAt);
  }

  @Override
  public String partitionKey() {
    return Topics.connectorChatKey(connectorType, accountId, externalChatId);
  }
}
