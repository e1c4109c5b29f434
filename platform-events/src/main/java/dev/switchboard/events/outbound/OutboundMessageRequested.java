package dev.switchboard.events.outbound;

import dev.switchboard.events.Checks;
import dev.switchboard.events.SessionScoped;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.common.ConnectorType;
import java.time.Instant;
import java.util.List;

/**
 * A message session-service wants delivered to a client (topic {@value Topics#OUTBOUND_MESSAGES},
 * JSON Schema {@code schemas/outbound-message-requested.v1.json}). The gateway, or a custom
 * connector, delivers it; a redelivered record has the same {@code id} and must not be sent twice.
 *
 * @param messageId session-service's id of the message in the session history, when it is stored
 *     there
 * @param sender who the client sees as the author; absent for automatic texts and when the channel
 *     hides its agents (Q8)
 * @param replyToExternalMessageId the client's message this one answers, for messengers that quote
 *     replies
 * @param attachments files to send; empty when there are none
 * @param buttons answers the client may pick by pressing a button (C1 consent, R1 rating), shown
 *     where the connector has buttons (Telegram: an inline keyboard), else left to a text answer;
 *     at most {@value #MAX_BUTTONS}, with distinct values; empty (or absent in the JSON) when there
 *     are none
 */
public record OutboundMessageRequested(
    String id,
    String channelId,
    String sessionId,
    String messageId,
    ConnectorType connectorType,
    String connectorId,
    String accountId,
    String externalChatId,
    OutboundMessageKind kind,
    String text,
    List<Attachment> attachments,
    List<ReplyButton> buttons,
    AgentRef sender,
    String replyToExternalMessageId,
    Instant occurredAt)
    implements SessionScoped {

  /** Buttons a message carries at most. */
  public static final int MAX_BUTTONS = 10;

  public OutboundMessageRequested {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireValue(connectorType, "connectorType");
    Checks.requireText(connectorId, "connectorId");
    Checks.requireText(accountId, "accountId");
    Checks.requireText(externalChatId, "externalChatId");
    Checks.requireValue(kind, "kind");
    Checks.requireValue(occurredAt, "occurredAt");
    attachments = Checks.listOrEmpty(attachments);
    buttons = Checks.listOrEmpty(buttons);
    if (buttons.size() > MAX_BUTTONS) {
      throw new IllegalArgumentException("buttons must be " + MAX_BUTTONS + " at most");
    }
    if (buttons.stream().map(ReplyButton::value).distinct().count() < buttons.size()) {
      throw new IllegalArgumentException("buttons must have distinct values");
    }
  }

  /** A message without buttons (the form before buttons existed). */
  public OutboundMessageRequested(
      String id,
      String channelId,
      String sessionId,
      String messageId,
      ConnectorType connectorType,
      String connectorId,
      String accountId,
      String externalChatId,
      OutboundMessageKind kind,
      String text,
      List<Attachment> attachments,
      AgentRef sender,
      String replyToExternalMessageId,
      Instant occurredAt) {
    this(
        id,
        channelId,
        sessionId,
        messageId,
        connectorType,
        connectorId,
        accountId,
        externalChatId,
        kind,
        text,
        attachments,
        List.of(),
        sender,
        replyToExternalMessageId,
        occurredAt);
  }

  /**
   * Keyed like the inbound messages of the same chat, not by channel: one chat, one partition, both
   * ways.
   */
  @Override
  public String partitionKey() {
    return Topics.connectorChatKey(connectorType, accountId, externalChatId);
  }
}
