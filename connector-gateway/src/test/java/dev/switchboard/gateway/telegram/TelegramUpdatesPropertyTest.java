package dev.switchboard.gateway.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.gateway.connector.domain.ConnectorRegistration;
import dev.switchboard.gateway.support.TelegramUpdatesJson;
import dev.switchboard.gateway.telegram.domain.TelegramUpdates;
import dev.switchboard.gateway.telegram.domain.TelegramUpdates.InvalidUpdateException;
import dev.switchboard.testkit.fuzz.HostileBodies;
import dev.switchboard.testkit.fuzz.HostileBody;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any JSON a webhook may receive either becomes a message every service can store, is ignored, or
 * is refused naming its field: nothing else escapes {@link TelegramUpdates} (it would be a 500,
 * which Telegram retries for a day). Runs on jqwik's engine; {@code -Djqwik.tries.default=N}.
 */
class TelegramUpdatesPropertyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConnectorRegistration CONNECTOR =
      new ConnectorRegistration("c-1", "ch-1", ConnectorType.TELEGRAM, "4242", 1, false, null);
  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

  @Property
  void aMutatedUpdateBecomesAStorableMessageIsIgnoredOrIsRefusedNamingItsField(
      @ForAll("updates") HostileBody body) {
    handle(body);
  }

  /** Button presses on their own, so the callback path gets every try, not one in five. */
  @Property
  void aMutatedButtonPressBecomesAStorableAnswerIsIgnoredOrIsRefusedNamingItsField(
      @ForAll("callbacks") HostileBody body) {
    handle(body);
  }

  private static void handle(HostileBody body) {
    JsonNode update;
    try {
      update = JSON.readTree(body.bytes());
    } catch (Exception e) {
      update = null;
    }
    Assume.that(update != null);
    Optional<InboundMessageReceived> message;
    try {
      message = TelegramUpdates.toInboundMessage(CONNECTOR, update, NOW);
    } catch (InvalidUpdateException refused) {
      if (refused.field().isBlank()) {
        throw new AssertionError("refused without naming a field: " + refused.getMessage());
      }
      return;
    }
    message.ifPresent(TelegramUpdatesPropertyTest::assertStorable);
  }

  @Provide
  Arbitrary<HostileBody> updates() {
    return HostileBodies.mutationsOf(TelegramUpdatesJson.allKinds(77, 552093841));
  }

  @Provide
  Arbitrary<HostileBody> callbacks() {
    return HostileBodies.mutationsOf(TelegramUpdatesJson.callbackKinds(78, 552093841));
  }

  private static void assertStorable(InboundMessageReceived message) {
    ClientIdentity client = message.client();
    Stream.of(
            message.text(),
            message.buttonValue(),
            message.externalChatId(),
            message.externalMessageId(),
            client.externalUserId(),
            client.displayName(),
            client.firstName(),
            client.lastName(),
            client.username(),
            client.locale())
        .filter(value -> value != null && value.indexOf('\u0000') >= 0)
        .findAny()
        .ifPresent(
            value -> {
              throw new AssertionError("U+0000 reaches the event: " + value);
            });
    if (message.externalChatId().isBlank() || message.externalMessageId().isBlank()) {
      throw new AssertionError("blank id in " + message);
    }
    if (message.buttonValue() != null) {
      // A press reads as its label (or value) in the history, and is answered by its callback id.
      if (message.buttonValue().isBlank() || message.text() == null || message.text().isBlank()) {
        throw new AssertionError("a button press without a value or a text: " + message);
      }
      if (TelegramUpdates.callbackQueryId(message).filter(id -> !id.isBlank()).isEmpty()) {
        throw new AssertionError("a button press without its callback id: " + message);
      }
    }
  }
}
