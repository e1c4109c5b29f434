package dev.switchboard.session.lifecycle.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.events.EventJson;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.session.conversation.domain.SessionState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionClosingTest {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void a5AndR1WithA6WaitAskForTheRatingAndWaitForIt() {
    SessionClosing closing =
        SessionClosing.of(
            settings(
                "{\"automation\":{\"closingEnabled\":true,\"closingText\":\"Bye!\","
                    + "\"ratingWaitSeconds\":600},\"quality\":{\"askRating\":true}}"),
            true,
            NOW);

    assertEquals("Bye!", closing.closingText());
    assertEquals(
        "Please rate our conversation from 1 (bad) to 5 (excellent).", closing.ratingRequest());
    assertEquals(SessionState.CLOSED_AWAITING_RATING, closing.next());
    assertEquals(NOW.plusSeconds(600), closing.awaitingRatingUntil());
  }

  @Test
  void theRatingRequestIsInTheChannelsLanguage() {
    SessionClosing closing =
        SessionClosing.of(
            settings("{\"quality\":{\"askRating\":true},\"other\":{\"language\":\"es\"}}"),
            true,
            NOW);

    assertEquals(
        "Por favor, valore nuestra conversación de 1 (mala) a 5 (excelente).",
        closing.ratingRequest());
  }

  @Test
  void a6OfZeroClosesAtOnceAfterAskingForTheRating() {
    SessionClosing closing =
        SessionClosing.of(settings("{\"quality\":{\"askRating\":true}}"), true, NOW);

    assertEquals(SessionState.CLOSED, closing.next());
    assertNull(closing.awaitingRatingUntil());
    assertNull(closing.closingText());
  }

  @Test
  void noAgentNoRatingAndNothingSetNothingSent() {
    SessionClosing noAgent =
        SessionClosing.of(
            settings(
                "{\"automation\":{\"ratingWaitSeconds\":600},\"quality\":{\"askRating\":true}}"),
            false,
            NOW);
    assertNull(noAgent.ratingRequest());
    assertEquals(SessionState.CLOSED, noAgent.next());

    SessionClosing plain = SessionClosing.of(ChannelSections.DEFAULTS, true, NOW);
    assertNull(plain.closingText());
    assertNull(plain.ratingRequest());
    assertEquals(SessionState.CLOSED, plain.next());
  }

  @Test
  void theRatingButtonsCarryTheirScores() {
    List<String> values = SessionClosing.ratingButtons().stream().map(b -> b.value()).toList();
    assertEquals(List.of("rating:5", "rating:4", "rating:3", "rating:2", "rating:1"), values);
  }

  private static ChannelSections settings(String json) {
    try {
      ChannelSettings settings =
          EventJson.newObjectMapper()
              .readValue(
                  "{\"name\":\"Support\",\"active\":true,"
                      + json.substring(1, json.length() - 1)
                      + "}",
                  ChannelSettings.class);
      return settings.typed();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
