package dev.switchboard.session.conversation.api;

import dev.switchboard.session.conversation.store.MessageEntity;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One message of a session (first-conversation contract). */
public record MessageView(
    String id,
    String sessionId,
    @Schema(enumeration = {"CLIENT", "AGENT", "BOT", "SYSTEM"}) String authorType,
    @Schema(
            description =
                "The client's id for a client's message, the agent's id for a reply, the bot's id"
                    + " for a chatbot's answer; null for an automatic text (SYSTEM, e.g. A4)")
        String authorId,
    String authorName,
    @Schema(description = "Null for a message with only attachments") String text,
    Instant at) {

  static MessageView of(MessageEntity message) {
    return new MessageView(
        message.id.toString(),
        message.sessionId.toString(),
        message.authorType.name(),
        message.authorId,
        message.authorName,
        message.text,
        message.at);
  }
}
