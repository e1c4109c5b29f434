package dev.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A channel an administrator set up through the gateway, with a Telegram bot attached, and the
 * Telegram client who writes to it: what the end-to-end scenarios share.
 */
public final class TelegramChannel {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration PATIENCE = Duration.ofSeconds(30);
  public static final String ADMIN = TestTokens.token("admin-e2e", "admin");

  public final String channelId;
  public final String connectorId;
  public final String botToken;
  public final String webhookSecret;
  public final long chatId;

  /** What {@code POST /api/v1/channels/{id}/connectors} answered. */
  final io.restassured.path.json.JsonPath connector;

  private TelegramChannel(
      String channelId,
      io.restassured.path.json.JsonPath connector,
      String botToken,
      String webhookSecret,
      long chatId) {
    this.channelId = channelId;
    this.connector = connector;
    this.connectorId = connector.getString("id");
    this.botToken = botToken;
    this.webhookSecret = webhookSecret;
    this.chatId = chatId;
  }

  /** The gateway's API as the holder of {@code token}. */
  public static RequestSpecification as(String token) {
    return given()
        .baseUri(Platform.gateway())
        .header("Authorization", "Bearer " + token)
        .contentType("application/json");
  }

  /** A directory entry for each agent (name = id). */
  public static void agents(String... agentIds) {
    for (String agentId : agentIds) {
      as(ADMIN)
          .body(Map.of("name", "Agent " + agentId, "departments", List.of()))
          .put("/api/v1/agents/" + agentId)
          .then()
          .statusCode(anyOf(equalTo(200), equalTo(201)));
    }
  }

  /**
   * A new channel named {@code name} whose queue is {@code agentIds} in that order, distributed by
   * {@code distributionMode}, with a new Telegram bot attached.
   */
  public static TelegramChannel create(String name, String distributionMode, String... agentIds) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String botToken = random.nextLong(100_000_000L, 999_999_999L) + ":AAH" + "x".repeat(32);
    String webhookSecret = "webhook-secret-" + random.nextInt(1_000_000);
    return createWithSecrets(name, distributionMode, botToken, webhookSecret, agentIds);
  }

  /** The same, with this bot token and webhook secret. */
  public static TelegramChannel createWithSecrets(
      String name,
      String distributionMode,
      String botToken,
      String webhookSecret,
      String... agentIds) {
    long chatId = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    String channelId =
        as(ADMIN)
            .body(Map.of("name", name))
            .post("/api/v1/channels")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    ObjectNode queue = JSON.createObjectNode();
    var members = queue.putArray("members");
    for (String agentId : agentIds) {
      members.addObject().put("type", "USER").put("id", agentId);
    }
    queue.put("distributionMode", distributionMode);
    as(ADMIN)
        .body(queue.toString())
        .put("/api/v1/channels/" + channelId + "/queue")
        .then()
        .statusCode(200);
    var connector =
        as(ADMIN)
            .body(Map.of("type", "telegram", "botToken", botToken, "webhookSecret", webhookSecret))
            .post("/api/v1/channels/" + channelId + "/connectors")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new TelegramChannel(channelId, connector, botToken, webhookSecret, chatId);
  }

  /**
   * The ids of this channel's sessions in the agent's list ({@code GET /api/v1/agent/sessions}).
   */
  List<String> sessionIdsIn(String agentToken) {
    return as(agentToken)
        .get("/api/v1/agent/sessions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.findAll { it.channelId == '" + channelId + "' }.collect { it.id }");
  }

  /** Another client (a chat of its own) writing to the same channel and bot. */
  TelegramChannel anotherClient() {
    return new TelegramChannel(
        channelId,
        connector,
        botToken,
        webhookSecret,
        ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
  }

  /**
   * Changes settings of the channel as an administrator does: reads the channel, sets {@code
   * values} in its {@code section} (e.g. "automation"), and puts it back under its ETag.
   */
  void changeSettings(String section, Map<String, Object> values) {
    var current = as(ADMIN).get("/api/v1/channels/" + channelId).then().statusCode(200).extract();
    ObjectNode channel;
    try {
      channel = (ObjectNode) JSON.readTree(current.asString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ObjectNode target = (ObjectNode) channel.path(section);
    values.forEach((name, value) -> target.set(name, JSON.valueToTree(value)));
    as(ADMIN)
        .header("If-Match", current.header("ETag"))
        .body(channel.toString())
        .put("/api/v1/channels/" + channelId)
        .then()
        .statusCode(200);
  }

  /**
   * What the Telegram Bot API was asked to send to this channel's client, in order, as the client
   * reads it (without the agent's name line).
   */
  List<String> textsSentToTheClient() {
    return Platform.telegram().calls().stream()
        .filter(call -> call.botToken().equals(botToken))
        .filter(call -> call.method().equals("sendMessage"))
        .filter(call -> call.body().path("chat_id").asLong() == chatId)
        .map(TelegramStub.Call::shownText)
        .toList();
  }

  /** The client writes: posts a real Telegram Bot API Update, as Telegram does, until 200. */
  void clientWrites(int messageId, String text) {
    await("the gateway takes the update")
        .atMost(PATIENCE)
        .until(
            () ->
                given()
                    .baseUri(Platform.gateway())
                    .contentType("application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
                    .body(update(messageId, text))
                    .post("/webhooks/telegram/" + connectorId)
                    .statusCode(),
            status -> status == 200);
  }

  /**
   * The client presses a button of the bot's message {@code botMessageId}: a Telegram {@code
   * callback_query} Update, posted until 200.
   */
  void clientPresses(int updateNumber, int botMessageId, String label, String data) {
    ObjectNode person = JSON.createObjectNode();
    person.put("id", chatId).put("first_name", "Ivan").put("last_name", "Petrov");
    ObjectNode update = JSON.createObjectNode();
    update.put("update_id", chatId % 1_000_000 * 100 + updateNumber);
    ObjectNode query = update.putObject("callback_query");
    query.put("id", "cbq-" + chatId + "-" + updateNumber);
    query.set("from", person.deepCopy().put("is_bot", false));
    ObjectNode message = query.putObject("message");
    message.put("message_id", botMessageId).put("date", System.currentTimeMillis() / 1000);
    message.set("chat", person.deepCopy().put("type", "private"));
    message
        .putObject("reply_markup")
        .putArray("inline_keyboard")
        .addArray()
        .addObject()
        .put("text", label)
        .put("callback_data", data);
    query.put("data", data);
    await("the gateway takes the button press")
        .atMost(PATIENCE)
        .until(
            () ->
                given()
                    .baseUri(Platform.gateway())
                    .contentType("application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
                    .body(update.toString())
                    .post("/webhooks/telegram/" + connectorId)
                    .statusCode(),
            status -> status == 200);
  }

  /** A Telegram Update with a text message of this channel's client (Ivan Petrov). */
  String update(int messageId, String text) {
    return update(
        chatId % 1_000_000 * 100 + messageId, chatId, "Ivan", "Petrov", "ivanp", messageId, text);
  }

  /**
   * A Telegram Update with a text message of the private chat {@code chatId} with a person of that
   * name, as Telegram posts it to a bot's webhook. The gateway takes one update per {@code
   * updateId} and connector (a repeated id is Telegram redelivering).
   */
  public static String update(
      long updateId,
      long chatId,
      String firstName,
      String lastName,
      String username,
      int messageId,
      String text) {
    ObjectNode person = JSON.createObjectNode();
    person.put("id", chatId).put("first_name", firstName).put("last_name", lastName);
    person.put("username", username);
    ObjectNode from = person.deepCopy().put("is_bot", false).put("language_code", "en");
    ObjectNode chat = person.deepCopy().put("type", "private");
    ObjectNode update = JSON.createObjectNode();
    update.put("update_id", updateId);
    ObjectNode message = update.putObject("message");
    message.put("message_id", messageId);
    message.set("from", from);
    message.set("chat", chat);
    message.put("date", System.currentTimeMillis() / 1000);
    message.put("text", text);
    return update.toString();
  }

  /**
   * The agent goes ONLINE (status API) and opens their WebSocket, whose frames land in {@code
   * frames}; the caller closes the socket.
   */
  static WebSocket online(String agentToken, List<JsonNode> frames) {
    as(agentToken)
        .body("{\"status\":\"ONLINE\"}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(200);
    return openAgentEvents(agentToken, frames);
  }

  /** Opens the agent's WebSocket; every frame lands in {@code frames}. */
  static WebSocket openAgentEvents(String token, List<JsonNode> frames) {
    return openAgentEvents(token, frames::add);
  }

  /** Opens the agent's WebSocket; {@code onFrame} gets every frame as it arrives. */
  public static WebSocket openAgentEvents(String token, Consumer<JsonNode> onFrame) {
    URI uri =
        URI.create(
            Platform.gateway().replace("http://", "ws://")
                + "/api/v1/agent/events?access_token="
                + token);
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(
            uri,
            new WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  try {
                    onFrame.accept(JSON.readTree(partial.toString()));
                  } catch (java.io.IOException e) {
                    throw new IllegalStateException("not a JSON frame: " + partial, e);
                  }
                  partial.setLength(0);
                }
                ws.request(1);
                return null;
              }
            })
        .join();
  }
}
