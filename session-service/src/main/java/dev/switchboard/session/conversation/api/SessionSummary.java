package dev.switchboard.session.conversation.api;

import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.OfferEntity;
import dev.switchboard.session.conversation.store.SessionDetails;
import dev.switchboard.session.conversation.store.SessionEntity;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A session as an agent's list shows it (first-conversation contract); a waiting session offered to
 * the agent is {@code OFFERED}, with its offer (issue 5).
 */
public record SessionSummary(
    String id,
    String channelId,
    @Schema(description = "O1: the channel's name; null until this service has its configuration")
        String channelName,
    @Schema(
            enumeration = {
              "BOT",
              "QUEUED",
              "OFFERED",
              "ASSIGNED",
              "WAITING_CLIENT",
              "ANSWERED",
              "CLOSED_AWAITING_RATING",
              "CLOSED"
            },
            description =
                "BOT: with the channel's chatbot (B1) until it hands it over; OFFERED: waiting,"
                    + " and offered to the caller (accept or decline it on routing-service)")
        String state,
    Client client,
    String assignedAgentId,
    Instant openedAt,
    Instant closedAt,
    @Schema(description = "The newest message; null when there is none") LastMessage lastMessage,
    @Schema(description = "OFFERED only: the offer to accept or decline") String offerId,
    @Schema(description = "OFFERED only: when the offer passes on (Q5); null when it does not")
        Instant offerExpiresAt,
    @Schema(
            description =
                "B1: the chatbot the session started with (it works it while the state is BOT);"
                    + " null for a channel without a bot")
        String botId) {

  /** The state an agent's list shows for a session offered to them. */
  public static final String OFFERED = "OFFERED";

  /** The client, as the connector named them. */
  public record Client(
      String id,
      String displayName,
      @Schema(description = "telegram, facebook, instagram, whatsapp, livechat or custom")
          String connectorType) {}

  public record LastMessage(
      String id,
      String text,
      @Schema(enumeration = {"CLIENT", "AGENT", "BOT", "SYSTEM"}) String authorType,
      Instant at) {}

  static SessionSummary of(SessionDetails details) {
    SessionEntity session = details.session();
    MessageEntity last = details.lastMessage();
    OfferEntity offer = details.offer();
    return new SessionSummary(
        session.id.toString(),
        session.channelId,
        details.channelName(),
        offer == null ? session.state.name() : OFFERED,
        new Client(session.clientId.toString(), details.clientDisplayName(), session.connectorType),
        session.assignedAgentId,
        session.openedAt,
        session.closedAt,
        last == null
            ? null
            : new LastMessage(last.id.toString(), last.text, last.authorType.name(), last.at),
        offer == null ? null : offer.offerId,
        offer == null ? null : offer.expiresAt,
        session.botId);
  }
}
