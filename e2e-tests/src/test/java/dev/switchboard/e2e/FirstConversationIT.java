package dev.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.events.Topics;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 3: a Telegram client's message reaches an agent and the agent's reply reaches the client,
 * through all six services over the real Kafka, PostgreSQL and Redis, with only Telegram stubbed.
 */
@ExtendWith(Platform.class)
class FirstConversationIT {

  private static final Duration PATIENCE = TelegramChannel.PATIENCE;

  private final String admin = TelegramChannel.ADMIN;
  private String agentId;
  private String agent;
  private TelegramChannel channel;
  private String channelId;
  private String connectorId;
  private String botToken;
  private String webhookSecret;
  private long chatId;

  private static RequestSpecification as(String token) {
    return TelegramChannel.as(token);
  }

  /** An administrator sets up a channel with a Telegram bot and one agent in its queue. */
  @BeforeEach
  void aChannelWithATelegramBotAndOneAgent() {
    agentId = "agent-" + ThreadLocalRandom.current().nextInt(1_000_000);
    agent = TestTokens.token(agentId, "agent");
    TelegramChannel.agents(agentId);
    channel = TelegramChannel.create("Support", "EVENLY", agentId);
    channelId = channel.channelId;
    connectorId = channel.connectorId;
    botToken = channel.botToken;
    webhookSecret = channel.webhookSecret;
    chatId = channel.chatId;
    JsonPath connector = channel.connector;
    assertThat(
        connector.getString("webhookUrl"),
        equalTo(Platform.gateway() + "/webhooks/telegram/" + connectorId));
    assertThat(connector.getMap("$").keySet(), not(hasItem("botToken")));
  }

  @Test
  void aClientMessageReachesTheAgentAndTheReplyReachesTheClient() throws Exception {
    as(agent).body("{\"status\":\"ONLINE\"}").put("/api/v1/agent/status").then().statusCode(200);
    List<JsonNode> frames = new CopyOnWriteArrayList<>();
    WebSocket socket = openAgentEvents(agent, frames);

    postUpdate(1, "Hello, where is my order?");

    // The agent sees the session, with the client's name, the channel and the last message.
    String sessionId =
        await("the session in the agent's list")
            .atMost(PATIENCE)
            .until(
                () ->
                    as(agent)
                        .get("/api/v1/agent/sessions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .<String>getList(
                            "items.findAll { it.channelId == '" + channelId + "' }.id"),
                ids -> ids.size() == 1)
            .get(0);
    String path = "items.find { it.id == '" + sessionId + "' }";
    // The channel's name comes from session-service's copy of the channel, read from its own
    // topic: on a platform that is just catching up it may follow the session by a moment.
    JsonPath list =
        await("the session listed with its channel's name")
            .atMost(PATIENCE)
            .until(
                () -> as(agent).get("/api/v1/agent/sessions").then().extract().jsonPath(),
                json -> "Support".equals(json.getString(path + ".channelName")));
    assertThat(list.getString(path + ".client.displayName"), equalTo("Ivan Petrov"));
    assertThat(list.getString(path + ".channelName"), equalTo("Support"));
    assertThat(list.getString(path + ".lastMessage.text"), equalTo("Hello, where is my order?"));

    postUpdate(2, "Order 42, placed yesterday");
    await("both messages in order")
        .atMost(PATIENCE)
        .until(
            () -> messagesOf(sessionId, agent),
            texts ->
                texts.equals(List.of("Hello, where is my order?", "Order 42, placed yesterday")));

    // The reply reaches the client through the Telegram Bot API.
    as(agent)
        .body("{\"text\":\"It ships today.\"}")
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(201);
    TelegramStub.Call sent =
        await("sendMessage to Telegram")
            .atMost(PATIENCE)
            .until(
                () ->
                    Platform.telegram().calls().stream()
                        .filter(c -> c.botToken().equals(botToken))
                        .findFirst()
                        .orElse(null),
                c -> c != null);
    assertThat(sent.method(), equalTo("sendMessage"));
    assertThat(sent.body().path("chat_id").asLong(), equalTo(chatId));
    assertThat(sent.shownText(), equalTo("It ships today."));
    // Q8: the channel shows its agents, so the client sees who answered as a bold first line.
    assertThat(sent.authorName(), notNullValue());

    // The agent closes it; the session leaves the agent's list and a reply is now refused.
    as(agent)
        .post("/api/v1/sessions/" + sessionId + "/close")
        .then()
        .statusCode(200)
        .body("state", equalTo("CLOSED"));
    as(agent)
        .body("{\"text\":\"one more thing\"}")
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(409)
        .body("currentState", equalTo("CLOSED"));

    // The frontend was told everything without polling.
    await("ASSIGNED, MESSAGE and CLOSED frames")
        .atMost(PATIENCE)
        .until(
            () ->
                frames.stream()
                    .filter(f -> sessionId.equals(f.path("sessionId").asText()))
                    .map(f -> f.path("type").asText())
                    .toList(),
            types ->
                types.contains("ASSIGNED")
                    && types.contains("MESSAGE")
                    && types.contains("CLOSED"));
    socket.abort();
  }

  /**
   * Issue 13: greeting (A1), the agent's answer, the closing text (A5), the rating request with
   * Telegram buttons (R1), a rating by button, the final close (R2): every text the client got, in
   * order, at the Telegram stub. TODO issue 13: the consent notice (C1) before the greeting.
   */
  @Test
  void aWholeConversationFromGreetingToARatingByButton() throws Exception {
    changeSettings(
        settings -> {
          ((ObjectNode) settings.path("automation"))
              .put("greetingEnabled", true)
              .put("greetingText", "Hi! An agent will be with you shortly.")
              .put("closingEnabled", true)
              .put("closingText", "Thanks for writing to us.")
              .put("ratingWaitSeconds", 600);
          ((ObjectNode) settings.path("quality")).put("askRating", true).put("closeOnRating", true);
        },
        "Europe/Madrid");
    as(agent).body("{\"status\":\"ONLINE\"}").put("/api/v1/agent/status").then().statusCode(200);
    postUpdate(1, "Hello, where is my order?");

    String sessionId =
        await("the session in the agent's list")
            .atMost(PATIENCE)
            .until(
                () ->
                    as(agent)
                        .get("/api/v1/agent/sessions")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList(
                            "items.findAll { it.channelId == '" + channelId + "' }.id"),
                ids -> ids.size() == 1)
            .get(0);
    as(agent)
        .body("{\"text\":\"It ships today.\"}")
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(201);
    as(agent)
        .post("/api/v1/sessions/" + sessionId + "/close")
        .then()
        .statusCode(200)
        .body("state", equalTo("CLOSED_AWAITING_RATING"));

    TelegramStub.Call request =
        await("the rating request with its buttons")
            .atMost(PATIENCE)
            .until(
                () ->
                    Platform.telegram().calls().stream()
                        .filter(c -> c.botToken().equals(botToken))
                        .filter(c -> c.body().has("reply_markup"))
                        .findFirst()
                        .orElse(null),
                c -> c != null);
    JsonNode keyboard = request.body().path("reply_markup").path("inline_keyboard");
    assertThat(keyboard.get(0).get(0).path("callback_data").asText(), equalTo("rating:5"));

    channel.clientPresses(9, 77, keyboard.get(0).get(0).path("text").asText(), "rating:5");
    await("the rating closes the session")
        .atMost(PATIENCE)
        .until(
            () -> messagesOf(sessionId, agent),
            texts -> !texts.isEmpty() && texts.get(texts.size() - 1).startsWith("5 "));

    assertThat(
        channel.textsSentToTheClient().stream().distinct().toList(),
        contains(
            "Hi! An agent will be with you shortly.",
            "It ships today.",
            "Thanks for writing to us.",
            "Please rate our conversation from 1 (bad) to 5 (excellent)."));
    // The first answer the session had is the one the client asked for: one session only.
    assertThat(
        Platform.telegram().calls().stream()
            .filter(c -> c.botToken().equals(botToken))
            .filter(c -> c.method().equals("answerCallbackQuery"))
            .count(),
        equalTo(1L));
  }

  /**
   * Issue 13's restart test: a rating wait (A6) that ends while session-service is down ends once
   * when it is back: one {@code SessionClosed(RATING_WAIT_EXPIRED)}, from the durable timer in
   * PostgreSQL.
   */
  @Test
  void aRatingWaitThatEndsWhileSessionServiceIsDownEndsOnceWhenItIsBack() throws Exception {
    changeSettings(
        settings -> {
          ((ObjectNode) settings.path("automation")).put("ratingWaitSeconds", 5);
          ((ObjectNode) settings.path("quality")).put("askRating", true);
        },
        "Europe/Berlin");
    as(agent).body("{\"status\":\"ONLINE\"}").put("/api/v1/agent/status").then().statusCode(200);
    postUpdate(1, "Hello");
    String sessionId = awaitSessionOf(agent);

    try (TopicProbe events = TopicProbe.open(Topics.SESSION_EVENTS)) {
      as(agent)
          .post("/api/v1/sessions/" + sessionId + "/close")
          .then()
          .statusCode(200)
          .body("state", equalTo("CLOSED_AWAITING_RATING"));
      ServiceProcess sessions = Platform.service("session-service");
      sessions.kill();
      Instant down = Instant.now();
      try {
        // The wait (5 s) ends while the service is down.
        await("the rating wait over").until(() -> Instant.now().isAfter(down.plusSeconds(7)));
      } finally {
        sessions.start();
        sessions.awaitReady(Duration.ofSeconds(120));
      }
      events.await(
          r -> r.value().contains(sessionId) && r.value().contains("\"RATING_WAIT_EXPIRED\""),
          Duration.ofSeconds(60));
      as(agent)
          .get("/api/v1/sessions/" + sessionId)
          .then()
          .statusCode(200)
          .body("state", equalTo("CLOSED"));
      assertThat(
          events.records().stream()
              .filter(r -> r.value().contains(sessionId))
              .filter(r -> r.value().contains("\"RATING_WAIT_EXPIRED\""))
              .count(),
          equalTo(1L));
    }
  }

  @Test
  void anAgentOutsideTheQueueNeitherSeesNorAnswersTheSession() {
    as(agent).body("{\"status\":\"ONLINE\"}").put("/api/v1/agent/status").then().statusCode(200);
    postUpdate(1, "Hi");
    String sessionId = awaitSessionOf(agent);

    String stranger = TestTokens.token("stranger-" + agentId, "agent");
    // Outside the queue the session is as unknown as a made-up id (API.md: a 403 would leak it).
    as(stranger).get("/api/v1/sessions/" + sessionId + "/messages").then().statusCode(404);
    as(stranger)
        .body("{\"text\":\"hello\"}")
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(404);
    List<String> visible =
        as(stranger)
            .get("/api/v1/agent/sessions")
            .then()
            .statusCode(200)
            .extract()
            .path("items.id");
    assertThat(visible, not(hasItem(sessionId)));
  }

  @Test
  void badInputGetsAClearError() {
    // a webhook with the wrong secret publishes nothing
    given()
        .baseUri(Platform.gateway())
        .contentType("application/json")
        .header("X-Telegram-Bot-Api-Secret-Token", "wrong")
        .body(update(1, "hi"))
        .post("/webhooks/telegram/" + connectorId)
        .then()
        .statusCode(401);
    // malformed JSON
    given()
        .baseUri(Platform.gateway())
        .contentType("application/json")
        .header("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
        .body("{\"update_id\":")
        .post("/webhooks/telegram/" + connectorId)
        .then()
        .statusCode(400);
    // an unknown connector
    given()
        .baseUri(Platform.gateway())
        .contentType("application/json")
        .header("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
        .body(update(1, "hi"))
        .post("/webhooks/telegram/" + java.util.UUID.randomUUID())
        .then()
        .statusCode(404);

    as(agent).body("{\"status\":\"ONLINE\"}").put("/api/v1/agent/status").then().statusCode(200);
    postUpdate(1, "Hi");
    String sessionId = awaitSessionOf(agent);
    // a reply without text
    as(agent)
        .body("{}")
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("text"));
  }

  /** O5: a deleted channel takes no more messages, and its history stays readable. */
  @Test
  void aDeletedChannelRefusesItsWebhookAndKeepsItsHistoryForAdministrators() {
    as(agent).body("{\"status\":\"ONLINE\"}").put("/api/v1/agent/status").then().statusCode(200);
    postUpdate(1, "Before the channel goes");
    String sessionId = awaitSessionOf(agent);

    as(admin).delete("/api/v1/channels/" + channelId).then().statusCode(204);
    as(admin).get("/api/v1/channels/" + channelId).then().statusCode(404);

    await("the gateway refuses the deleted channel's webhook")
        .atMost(PATIENCE)
        .until(
            () ->
                given()
                    .baseUri(Platform.gateway())
                    .contentType("application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
                    .body(update(2, "After the channel went"))
                    .post("/webhooks/telegram/" + connectorId)
                    .statusCode(),
            status -> status == 410);
    assertThat(messagesOf(sessionId, admin), equalTo(List.of("Before the channel goes")));
  }

  /** A message accepted by the webhook is never lost, even if session-service is down. */
  @Test
  void aMessageAcceptedWhileSessionServiceIsDownIsInTheSessionAfterItRestarts() throws Exception {
    as(agent).body("{\"status\":\"ONLINE\"}").put("/api/v1/agent/status").then().statusCode(200);
    postUpdate(1, "First");
    String sessionId = awaitSessionOf(agent);

    ServiceProcess sessions = Platform.service("session-service");
    sessions.kill();
    try {
      postUpdate(2, "Sent while session-service was down");
    } finally {
      sessions.start();
      sessions.awaitReady(Duration.ofSeconds(120));
    }
    // The killed instance's group membership must expire first (session.timeout.ms, 10 s).
    await("the message after the restart")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> messagesOf(sessionId, admin),
            texts -> texts.contains("Sent while session-service was down"));
  }

  private String awaitSessionOf(String token) {
    return await("a session in the agent's list")
        .atMost(PATIENCE)
        .until(
            () ->
                as(token)
                    .get("/api/v1/agent/sessions")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .<String>getList("items.findAll { it.channelId == '" + channelId + "' }.id"),
            ids -> ids.size() == 1)
        .get(0);
  }

  private List<String> messagesOf(String sessionId, String token) {
    return as(token)
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200)
        .extract()
        .path("items.text");
  }

  /**
   * The administrator changes the channel's settings (GET, edit, PUT), and the test waits until
   * session-service's copy has the new version: {@code zoneMark} goes into {@code
   * workingTime.timeZone}, which W3's public endpoint shows from that copy.
   */
  private void changeSettings(java.util.function.Consumer<ObjectNode> edit, String zoneMark)
      throws Exception {
    ObjectNode settings =
        (ObjectNode)
            TelegramChannel.JSON.readTree(
                as(TelegramChannel.ADMIN)
                    .get("/api/v1/channels/" + channelId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    edit.accept(settings);
    ((ObjectNode) settings.path("workingTime")).put("timeZone", zoneMark);
    as(TelegramChannel.ADMIN)
        .body(settings.toString())
        .put("/api/v1/channels/" + channelId)
        .then()
        .statusCode(200);
    await("the new settings in session-service's copy of the channel")
        .atMost(PATIENCE)
        .until(
            () ->
                given()
                    .baseUri(Platform.gateway())
                    .get("/api/v1/channels/" + channelId + "/working-time/now")
                    .then()
                    .extract()
                    .path("timeZone"),
            zone -> zoneMark.equals(zone));
  }

  private void postUpdate(int messageId, String text) {
    channel.clientWrites(messageId, text);
  }

  private String update(int messageId, String text) {
    return channel.update(messageId, text);
  }

  private static WebSocket openAgentEvents(String token, List<JsonNode> frames) {
    return TelegramChannel.openAgentEvents(token, frames);
  }
}
