package dev.switchboard.session.conversation.store;

import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.session.conversation.domain.SessionState;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** The rows {@link InboundBatchStore} reads and writes for a batch of inbound messages. */
public final class InboundRows {

  private InboundRows() {}

  /** A connector as this service's copy of the registrations has it. */
  public record Connector(
      String connectorId, String channelId, String type, String accountId, boolean deleted) {}

  /** One chat of one connector account: how a client is reached (the identity's unique key). */
  public record Chat(String connectorType, String accountId, String externalChatId) {}

  /** One message of a chat, as the connector numbers it (the message's unique key). */
  public record MessageKey(String connectorId, String externalChatId, String externalMessageId) {}

  /** A client's identity in one chat: what the connector said of them, and the client's name. */
  public record Identity(UUID id, UUID clientId, String clientName, ClientIdentity details) {}

  /** A client's open session in one channel (the channel its chats came in through). */
  public record OpenSession(
      UUID id, UUID clientId, String originChannelId, String channelId, SessionState state) {}

  /** A new session to insert. */
  public record NewSession(
      UUID id,
      String channelId,
      UUID clientId,
      String connectorId,
      String connectorType,
      String accountId,
      String externalChatId,
      UUID lastMessageId) {}

  /** A client's message to insert. */
  public record NewMessage(
      UUID id,
      UUID sessionId,
      UUID clientId,
      String authorName,
      String text,
      String attachments,
      Instant at,
      MessageKey key,
      String inboundEventId) {}

  /**
   * @param onOpen channels whose new sessions go one by one
   * @param everyMessage channels all of whose chats go one by one
   */
  public record OneByOneChannels(Set<String> onOpen, Set<String> everyMessage) {}
}
