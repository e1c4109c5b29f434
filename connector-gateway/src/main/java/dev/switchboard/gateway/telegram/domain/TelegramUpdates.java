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
 * <p>A new message with text is a client's message, and so is a press of a reply button ({@code
 * callback_query}, see {@link #CALLBACK_PREFIX}); edited messages, channel posts, callback queries
 * of inline mode (no {@code message}) or of games (no {@code data}) and messages without text
 * (photos, stickers, voice...) are ignored.
 */
public final class TelegramUpdates {

  /**
   * A pressed button's {@code externalMessageId} is this prefix and the {@code callback_query}'s
   * id: unique per press, and apart from Telegram's numeric message ids.
   */
  public static final String CALLBACK_PREFIX = "cb:";

  private TelegramUpdates() {}

  /**
   * The {@code callback_query} id to answer ({@code answerCallbackQuery}) for a message made of a
   * pressed button; empty for a typed message.
   */
  public static Optional<String> callbackQueryId(InboundMessageReceived message) {
    if (message.buttonValue() == null || !message.externalMessageId().startsWith(CALLBACK_PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(message.externalMessageId().substring(CALLBACK_PREFIX.length()));
  }

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
      JsonNode callback = update.get("callback_query");
      return callback != null && callback.isObject()
          ? buttonPressed(connector, updateId.asLong(), callback, receivedAt)
          : Optional.empty();
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
            ? client(from, "message.from.id")
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

  /**
   * A press of one of the bot's inline keyboard buttons: the button's value, with its label as the
   * text (found in the keyboard of the message it was pressed under; the value when not found).
   */
  private static Optional<InboundMessageReceived> buttonPressed(
      ConnectorRegistration connector, long updateId, JsonNode callback, Instant receivedAt) {
    String callbackId = requiredId(callback, "callback_query.id");
    JsonNode from = callback.get("from");
    if (from == null || !from.isObject()) {
      throw new InvalidUpdateException("callback_query.from", "is required");
    }
    ClientIdentity client = client(from, "callback_query.from.id");
    JsonNode message = callback.get("message");
    if (message == null || !message.isObject()) {
      // Inline mode: a button under a message sent via the bot in another chat; no chat of ours.
      return Optional.empty();
    }
    JsonNode data = callback.get("data");
    if (data == null || data.isNull()) {
      // A game's button (game_short_name instead of data): not one the platform sent.
      return Optional.empty();
    }
    if (!data.isTextual()) {
      throw new InvalidUpdateException("callback_query.data", "must be a string");
    }
    String value = withoutNul(data.asText());
    if (value.isBlank()) {
      // Not one of the platform's buttons: their values are never blank.
      return Optional.empty();
    }
    String chatId = requiredId(message.path("chat"), "callback_query.message.chat.id");
    return Optional.of(
        new InboundMessageReceived(
            eventId(connector.connectorId(), updateId),
            ConnectorType.TELEGRAM,
            connector.connectorId(),
            connector.accountId(),
            chatId,
            CALLBACK_PREFIX + callbackId,
            client,
            label(message, data.asText()).orElse(value),
            value,
            List.of(),
            // Telegram does not say when the button was pressed (message.date is the bot's).
            null,
            receivedAt));
  }

  /**
   * The label of the button whose {@code callback_data} is {@code data}, if the keyboard has it.
   */
  private static Optional<String> label(JsonNode message, String data) {
    JsonNode rows = message.path("reply_markup").path("inline_keyboard");
    for (JsonNode row : rows.isArray() ? rows : List.<JsonNode>of()) {
      for (JsonNode button : row.isArray() ? row : List.<JsonNode>of()) {
        JsonNode callbackData = button.get("callback_data");
        JsonNode text = button.get("text");
        if (callbackData != null
            && callbackData.isTextual()
            && callbackData.asText().equals(data)
            && text != null
            && text.isTextual()
            && !text.asText().isBlank()) {
          return Optional.of(withoutNul(text.asText()));
        }
      }
    }
    return Optional.empty();
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

  private static ClientIdentity client(JsonNode from, String idPath) {
    String firstName = textOrNull(from, "first_name");
    String lastName = textOrNull(from, "last_name");
    return new ClientIdentity(
        requiredId(from, idPath),
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
