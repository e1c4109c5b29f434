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
