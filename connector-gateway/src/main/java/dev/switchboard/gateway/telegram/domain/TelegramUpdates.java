package dev.switchboard.gateway.telegram.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.gateway.connector.domain.ConnectorRegistration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a Telegram Bot API {@code Update} into the platform's {@link InboundMessageReceived}
 * (docs/flows/first-conversation.md, step 1).
 *
 * <p>Only a new message with text is a client's message for now; edited messages, channel posts,
 * callback queries and messages without text (photos, stickers, voice...) are ignored.
 */
public final class TelegramUpdates {

  private TelegramUpdates() {}

  /**
   * The event id of an update: the same for Telegram's retries of the same update, so the platform
   * sees one message.
   */
  public static String eventId(String connectorId, long updateId) {
    return UUID.nameUUIDFromBytes((connectorId + ":" + updateId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /**
   * @param receivedAt when the gateway received the update ({@code occurredAt})
   * @return the client's message, or empty when the update carries none the platform handles yet
   * @throws InvalidUpdateException when the JSON is not a Telegram update
   */
  public static Optional<InboundMessageReceived> toInboundMessage(
      ConnectorRegistration connector, JsonNode update, Instant receivedAt) {
    if (update == null || !update.isObject()) {
      throw new InvalidUpdateException("(body)", "is not a JSON object");
    }
    JsonNode updateId = update.get("update_id");
    if (updateId == null || !updateId.canConvertToLong()) {
      throw new InvalidUpdateException("update_id", "is required and must be an integer");
    }
    JsonNode message = update.get("message");
    if (message == null || !message.isObject()) {
      return Optional.empty();
    }
    JsonNode text = message.get("text");
    if (text == null || !text.isTextual()) {
      // TODO(attachments): photos, documents, voice... become Attachments once the file download
      // through getFile exists; captions come with them.
      return Optional.empty();
    }
    String chatId = requiredId(message.path("chat"), "message.chat.id");
    String messageId = requiredId(message, "message.message_id");
    JsonNode from = message.get("from");
    ClientIdentity client =
        from != null && from.isObject()
            ? client(from)
            // Telegram leaves "from" out only for channel posts; a private chat's id is its user.
            : ClientIdentity.anonymous(chatId);
    Instant sentAt = sentAt(message.get("date"));
    return Optional.of(
        new InboundMessageReceived(
            eventId(connector.connectorId(), updateId.asLong()),
            ConnectorType.TELEGRAM,
            connector.connectorId(),
            connector.accountId(),
            chatId,
            messageId,
            client,
            withoutNul(text.asText()),
            List.of(),
            sentAt,
            receivedAt));
  }

  /** Unix seconds; beyond what an {@link Instant} holds is no Telegram date (found by fuzzing). */
  private static Instant sentAt(JsonNode date) {
    if (date == null || !date.canConvertToLong()) {
      return null;
    }
    long seconds = date.asLong();
    if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
      throw new InvalidUpdateException("message.date", "must be a Unix time in seconds");
    }
    return Instant.ofEpochSecond(seconds);
  }

  private static ClientIdentity client(JsonNode from) {
    String firstName = textOrNull(from, "first_name");
    String lastName = textOrNull(from, "last_name");
    return new ClientIdentity(
        requiredId(from, "message.from.id"),
        displayName(firstName, lastName, textOrNull(from, "username")),
        firstName,
        lastName,
        textOrNull(from, "username"),
        null,
        null,
        null,
        textOrNull(from, "language_code"));
  }

  /** "first last"; the username when Telegram gave no name at all. */
  static String displayName(String firstName, String lastName, String username) {
    String name =
        ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
    if (!name.isEmpty()) {
      return name;
    }
    return username;
  }

  private static String requiredId(JsonNode parent, String path) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    JsonNode value = parent.get(field);
    if (value == null || !(value.canConvertToLong() || value.isTextual())) {
      throw new InvalidUpdateException(path, "is required");
    }
    String id = value.asText();
    if (id.isBlank() || id.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidUpdateException(path, "must not be blank or hold control characters");
    }
    return id;
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() || value.asText().isBlank()
        ? null
        : withoutNul(value.asText());
  }

  /**
   * U+0000 becomes U+FFFD: no database of the platform can store it, and refusing the update would
   * lose the client's message (Telegram retries, then gives up).
   */
  static String withoutNul(String text) {
    return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
  }

  /** The body is JSON but not a Telegram update; names the offending field. */
  public static class InvalidUpdateException extends RuntimeException {
    private final String field;

    public InvalidUpdateException(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
