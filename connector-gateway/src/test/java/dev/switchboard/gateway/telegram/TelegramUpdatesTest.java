package dev.switchboard.gateway.telegram;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.gateway.connector.domain.ConnectorRegistration;
import dev.switchboard.gateway.support.TelegramUpdatesJson;
import dev.switchboard.gateway.telegram.domain.TelegramUpdates;
import dev.switchboard.gateway.telegram.domain.TelegramUpdates.InvalidUpdateException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramUpdatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConnectorRegistration CONNECTOR =
      new ConnectorRegistration("c-1", "ch-1", ConnectorType.TELEGRAM, "4242", 1, false, null);
  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

  @Test
  void aTextMessageBecomesTheClientsMessage() throws Exception {
    InboundMessageReceived message =
        TelegramUpdates.toInboundMessage(
                CONNECTOR, json(TelegramUpdatesJson.textMessage(77, 552093841, 9, "Hola")), NOW)
            .orElseThrow();

    assertThat(message.id(), equalTo(TelegramUpdates.eventId("c-1", 77)));
    assertThat(message.partitionKey(), equalTo("telegram:4242:552093841"));
    assertThat(message.externalMessageId(), equalTo("9"));
    assertThat(message.client().displayName(), equalTo("María García"));
    assertThat(message.occurredAt(), equalTo(NOW));
  }

  @Test
  void theEventIdDependsOnTheConnectorAndTheUpdateOnly() {
    assertThat(TelegramUpdates.eventId("c-1", 77), equalTo(TelegramUpdates.eventId("c-1", 77)));
    assertThat(
        TelegramUpdates.eventId("c-1", 77).equals(TelegramUpdates.eventId("c-2", 77)),
        equalTo(false));
  }

  @Test
  void editedMessagesAndPhotosAreIgnored() throws Exception {
    assertThat(
        TelegramUpdates.toInboundMessage(
            CONNECTOR,
            json("{\"update_id\":1,\"edited_message\":{\"message_id\":1,\"text\":\"x\"}}"),
            NOW),
        equalTo(Optional.empty()));
    assertThat(
        TelegramUpdates.toInboundMessage(CONNECTOR, json(TelegramUpdatesJson.photo(2, 5)), NOW),
        equalTo(Optional.empty()));
  }

  @Test
  void aClientWithoutALastNameIsCalledByTheFirstName() throws Exception {
    JsonNode update =
        json(
            "{\"update_id\":3,\"message\":{\"message_id\":4,\"date\":1,\"text\":\"hi\","
                + "\"from\":{\"id\":5,\"first_name\":\"Ana\"},\"chat\":{\"id\":5}}}");
    InboundMessageReceived message =
        TelegramUpdates.toInboundMessage(CONNECTOR, update, NOW).orElseThrow();
    assertThat(message.client().displayName(), equalTo("Ana"));
    assertThat(message.client().lastName(), nullValue());
  }

  @Test
  void aTextMessageWithoutAChatIsInvalid() throws Exception {
    JsonNode update =
        json(
            "{\"update_id\":3,\"message\":{\"message_id\":4,\"text\":\"hi\",\"from\":{\"id\":5}}}");
    InvalidUpdateException invalid =
        assertThrows(
            InvalidUpdateException.class,
            () -> TelegramUpdates.toInboundMessage(CONNECTOR, update, NOW));
    assertThat(invalid.field(), equalTo("message.chat.id"));
  }

  @Test
  void aPressedButtonBecomesTheClientsAnswerWithItsValueAndItsLabelAsText() throws Exception {
    InboundMessageReceived pressed =
        TelegramUpdates.toInboundMessage(
                CONNECTOR,
                json(TelegramUpdatesJson.callbackQuery(80, 552093841, "4382bf", "rating:4")),
                NOW)
            .orElseThrow();

    assertThat(pressed.buttonValue(), equalTo("rating:4"));
    assertThat(pressed.text(), equalTo("4 ★"));
    assertThat(pressed.externalMessageId(), equalTo("cb:4382bf"));
    assertThat(pressed.externalChatId(), equalTo("552093841"));
    assertThat(pressed.partitionKey(), equalTo("telegram:4242:552093841"));
    assertThat(pressed.client().externalUserId(), equalTo("552093841"));
    assertThat(pressed.client().displayName(), equalTo("María García"));
    assertThat(pressed.id(), equalTo(TelegramUpdates.eventId("c-1", 80)));
    assertThat(pressed.sentAt(), nullValue());
    assertThat(TelegramUpdates.callbackQueryId(pressed), equalTo(Optional.of("4382bf")));
  }

  @Test
  void aPressedButtonNotInTheKeyboardReadsAsItsValue() throws Exception {
    InboundMessageReceived pressed =
        TelegramUpdates.toInboundMessage(
                CONNECTOR,
                json(TelegramUpdatesJson.callbackQuery(81, 5, "77", "consent:accept")),
                NOW)
            .orElseThrow();

    assertThat(pressed.text(), equalTo("consent:accept"));
    assertThat(pressed.buttonValue(), equalTo("consent:accept"));
  }

  @Test
  void aTypedMessageHasNoButtonValueAndNoCallbackToAnswer() throws Exception {
    InboundMessageReceived typed =
        TelegramUpdates.toInboundMessage(
                CONNECTOR, json(TelegramUpdatesJson.textMessage(82, 5, 9, "rating:5")), NOW)
            .orElseThrow();

    assertThat(typed.buttonValue(), nullValue());
    assertThat(TelegramUpdates.callbackQueryId(typed), equalTo(Optional.empty()));
  }

  @Test
  void buttonsOfInlineModeAndOfGamesAreIgnored() throws Exception {
    assertThat(
        TelegramUpdates.toInboundMessage(
            CONNECTOR, json(TelegramUpdatesJson.inlineModeCallbackQuery(83, 5)), NOW),
        equalTo(Optional.empty()));
    String game =
        TelegramUpdatesJson.callbackQuery(84, 5)
            .replace("\"data\":\"rating:5\"", "\"game_short_name\":\"quiz\"");
    assertThat(
        TelegramUpdates.toInboundMessage(CONNECTOR, json(game), NOW), equalTo(Optional.empty()));
  }

  @Test
  void aMalformedButtonPressIsRefusedNamingTheField() throws Exception {
    String update = TelegramUpdatesJson.callbackQuery(85, 552093841);
    assertRefused(update.replace("\"id\":\"4382bfdwdsb323b2d9\",", ""), "callback_query.id");
    assertRefused(update.replace("\"data\":\"rating:5\"", "\"data\":5"), "callback_query.data");
    assertRefused(
        update.replace("\"chat\":{\"id\":552093841,", "\"chat\":{"),
        "callback_query.message.chat.id");
    assertRefused(
        "{\"update_id\":1,\"callback_query\":{\"id\":\"9\",\"data\":\"x\","
            + "\"message\":{\"chat\":{\"id\":5}}}}",
        "callback_query.from");
  }

  private static void assertRefused(String update, String field) throws Exception {
    JsonNode json = json(update);
    InvalidUpdateException refused =
        assertThrows(
            InvalidUpdateException.class,
            () -> TelegramUpdates.toInboundMessage(CONNECTOR, json, NOW));
    assertThat(refused.field(), equalTo(field));
  }

  /** Found by TelegramUpdatesPropertyTest: it was a DateTimeException, a 500 Telegram retries. */
  @Test
  void aDateNoInstantHoldsIsRefusedNamingMessageDate() throws Exception {
    String update =
        TelegramUpdatesJson.textMessage(78, 552093841, 9, "Hola")
            .replace("\"date\":1764065730", "\"date\":9223372036854775807");

    InvalidUpdateException refused =
        assertThrows(
            InvalidUpdateException.class,
            () -> TelegramUpdates.toInboundMessage(CONNECTOR, json(update), NOW));
    assertThat(refused.field(), equalTo("message.date"));
  }

  private static JsonNode json(String value) throws Exception {
    return JSON.readTree(value);
  }
}
