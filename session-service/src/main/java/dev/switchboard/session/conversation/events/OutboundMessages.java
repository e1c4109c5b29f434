package dev.switchboard.session.conversation.events;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.outbound.ReplyButton;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.SessionEntity;
import java.util.List;

/**
 * The requests to deliver a stored message to the client, through the session's connector and chat
 * ({@code OutboundMessageRequested}).
 */
public final class OutboundMessages {

  private OutboundMessages() {}

  /** An agent's or the chatbot's reply, with its sender as the client sees it. */
  public static OutboundMessageRequested reply(
      SessionEntity session, MessageEntity message, AgentRef sender) {
    return of(session, message, OutboundMessageKind.AGENT_REPLY, sender);
  }

  /** One of the platform's automatic texts: no sender. */
  public static OutboundMessageRequested automaticText(
      SessionEntity session, MessageEntity message, OutboundMessageKind kind) {
    return of(session, message, kind, null, List.of());
  }

  /**
   * An automatic text the client answers with a button where the connector has buttons (the rating
   * request, R1; the consent notice, C1); elsewhere the text says what to type.
   */
  public static OutboundMessageRequested automaticText(
      SessionEntity session,
      MessageEntity message,
      OutboundMessageKind kind,
      List<ReplyButton> buttons) {
    return of(session, message, kind, null, buttons);
  }

  private static OutboundMessageRequested of(
      SessionEntity session, MessageEntity message, OutboundMessageKind kind, AgentRef sender) {
    return of(session, message, kind, sender, List.of());
  }

  private static OutboundMessageRequested of(
      SessionEntity session,
      MessageEntity message,
      OutboundMessageKind kind,
      AgentRef sender,
      List<ReplyButton> buttons) {
    return new OutboundMessageRequested(
        PlatformEvent.newId(),
        session.channelId,
        session.id.toString(),
        message.id.toString(),
        ConnectorType.fromWireName(session.connectorType),
        session.connectorId,
        session.accountId,
        session.externalChatId,
        kind,
        message.text,
        List.of(),
        buttons,
        sender,
        null,
        message.at);
  }
}
