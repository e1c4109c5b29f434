package dev.switchboard.session.conversation;

import static dev.switchboard.session.conversation.Platform.awaitEvent;
import static dev.switchboard.session.conversation.Routing.as;
import static dev.switchboard.session.conversation.Routing.asAgent;
import static dev.switchboard.session.conversation.Routing.assignedSession;
import static dev.switchboard.session.conversation.Routing.reply;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.Topics;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionRated;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * O3: in a channel with {@code other.saveHistory} off, a session's messages lose their texts when
 * it closes for good (the session, its times and its rating stay); with it on, nothing changes.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class HistoryOffTest {

  private static final String CLOSING = "Gracias por escribirnos.";

  private static TestChannel channel(boolean saveHistory, boolean askRating) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode automation =
        json.objectNode()
            .put("closingEnabled", true)
            .put("closingText", CLOSING)
            .put("ratingWaitSeconds", 600);
    ObjectNode quality = json.objectNode().put("askRating", askRating).put("closeOnRating", true);
    ObjectNode other = json.objectNode().put("saveHistory", saveHistory).put("language", "es");
    Map<String, JsonNode> sections =
        Map.of("automation", automation, "quality", quality, "other", other);
    return TestChannel.withSections(sections, TestChannel.newAgent());
  }

  private static List<String> texts(String sessionId) {
    return as("supervisor1", "supervisor")
        .when()
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200)
        .extract()
        .path("items.text");
  }

  /** The client asks, the agent answers, the client thanks: three messages, then the close. */
  private static String conversation(TestChannel channel, TestChannel.Chat chat, String agent) {
    String session = assignedSession(chat, channel.id, agent);
    reply(agent, session, "Su pedido 4711 llega mañana.").statusCode(201);
    chat.says("Gracias, mi dirección es Calle Mayor 1");
    await().atMost(Duration.ofSeconds(30)).until(() -> texts(session).size() == 3);
    return session;
  }

  private static void close(String agent, String sessionId, String expectedState) {
    asAgent(agent)
        .when()
        .post("/api/v1/sessions/" + sessionId + "/close")
        .then()
        .statusCode(200)
        .body("state", equalTo(expectedState));
  }

  @Test
  void withoutHistoryTheClosedSessionsMessagesHaveNoTextsButTheSessionStays() {
    TestChannel channel = channel(false, false);
    String agent = channel.agentIds.get(0);
    TestChannel.Chat chat = channel.newChat();
    String session = conversation(channel, chat, agent);

    try (TopicProbe outbound = TopicProbe.open(Topics.OUTBOUND_MESSAGES)) {
      close(agent, session, "CLOSED");
      // The closing text still reaches the client: it went out with the close.
      OutboundMessageRequested closing =
          awaitEvent(outbound, OutboundMessageRequested.class, m -> session.equals(m.sessionId()));
      assertThat(closing.text(), equalTo(CLOSING));
    }

    List<String> texts = texts(session);
    assertThat(texts, hasSize(4));
    assertThat(texts, everyItem(equalTo("[deleted]")));
    as("supervisor1", "supervisor")
        .when()
        .get("/api/v1/sessions/" + session)
        .then()
        .statusCode(200)
        .body("state", equalTo("CLOSED"))
        .body("closedAt", notNullValue());
  }

  @Test
  void withoutHistoryTheTextsStayWhileTheRatingIsAwaitedAndGoWhenTheRatingClosesTheSession() {
    TestChannel channel = channel(false, true);
    String agent = channel.agentIds.get(0);
    TestChannel.Chat chat = channel.newChat();
    String session = conversation(channel, chat, agent);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      close(agent, session, "CLOSED_AWAITING_RATING");
      assertThat(texts(session).get(0), equalTo("Hola, necesito ayuda"));

      chat.presses("5 ★★★★★", "rating:5");
      awaitEvent(events, SessionRated.class, e -> session.equals(e.sessionId()));
      awaitEvent(
          events,
          SessionClosed.class,
          e -> session.equals(e.sessionId()) && e.awaitingRatingUntil() == null);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(texts(session), everyItem(equalTo("[deleted]"))));
    as("supervisor1", "supervisor")
        .when()
        .get("/api/v1/sessions/" + session)
        .then()
        .statusCode(200)
        .body("state", equalTo("CLOSED"))
        .body("rating.score", equalTo(5));
  }

  @Test
  void withHistoryTheClosedSessionsMessagesStay() {
    TestChannel channel = channel(true, false);
    String agent = channel.agentIds.get(0);
    TestChannel.Chat chat = channel.newChat();
    String session = conversation(channel, chat, agent);

    close(agent, session, "CLOSED");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                    texts(session),
                    contains(
                        "Hola, necesito ayuda",
                        "Su pedido 4711 llega mañana.",
                        "Gracias, mi dirección es Calle Mayor 1",
                        CLOSING)));
  }
}
