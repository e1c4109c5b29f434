package dev.switchboard.session.history.api;

import dev.switchboard.session.conversation.api.SessionSummary.Client;
import dev.switchboard.session.conversation.api.SessionSummary.LastMessage;
import dev.switchboard.session.history.store.ConversationRow;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session in the conversation lists of supervisors and administrators (O3). */
public record ConversationView(
    String id,
    String channelId,
    @Schema(description = "O1: the channel's name; null until this service has its configuration")
        String channelName,
    @Schema(
            enumeration = {
              "BOT",
              "QUEUED",
              "ASSIGNED",
              "WAITING_CLIENT",
              "ANSWERED",
              "CLOSED_AWAITING_RATING",
              "CLOSED"
            })
        String state,
    @Schema(description = "displayName is null once the client is erased (GDPR)") Client client,
    @Schema(description = "The agent who has the session, or had it when it closed; else null")
        String assignedAgentId,
    @Schema(description = "B1: the chatbot the session started with; else null") String botId,
    Instant openedAt,
    Instant closedAt,
    @Schema(
            description =
                "The messages stored (the client's, the agents', the bot's and automatic texts);"
                    + " read them with GET /api/v1/sessions/{id}/messages")
        long messageCount,
    @Schema(description = "The newest message; null when there is none") LastMessage lastMessage,
    @Schema(description = "A3: since when the client waits for an answer, once marked; else null")
        Instant unansweredSince,
    @Schema(description = "R1: the client's rating (1-5); null when not rated")
        Integer ratingScore) {

  static ConversationView of(ConversationRow row) {
    return new ConversationView(
        row.id().toString(),
        row.channelId(),
        row.channelName(),
        row.state(),
        new Client(row.clientId().toString(), row.clientDisplayName(), row.connectorType()),
        row.assignedAgentId(),
        row.botId(),
        row.openedAt(),
        row.closedAt(),
        row.messageCount(),
        row.lastMessageId() == null
            ? null
            : new LastMessage(
                row.lastMessageId().toString(),
                row.lastMessageText(),
                row.lastMessageAuthorType(),
                row.lastMessageAt()),
        row.unansweredSince(),
        row.ratingScore());
  }
}
