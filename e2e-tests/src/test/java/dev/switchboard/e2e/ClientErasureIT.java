package dev.switchboard.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.TestTokens;
import io.restassured.path.json.JsonPath;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, erasure (GDPR Art. 17): after {@code DELETE /api/v1/clients/{id}} no service keeps the
 * client's name, username, chat id or texts, in any table of any schema nor in Redis; the session
 * still counts; the same Telegram user writing again is a new client.
 */
@ExtendWith(Platform.class)
class ClientErasureIT {

  private static final Duration PATIENCE = TelegramChannel.PATIENCE;

  @Test
  void anErasedClientLeavesNoTraceInAnyServiceAndWritingAgainStartsANewClient() throws Exception {
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    String firstName = "Zorbalina" + suffix;
    String lastName = "Quuxley" + suffix;
    String username = "zq_user_" + suffix;
    String clientText = "my passport is XK" + suffix + "Q";
    String replyText = "noted, passport XK" + suffix + "Q is on file";

    String agentId = "agent-erasure-" + suffix;
    String agent = TestTokens.token(agentId, "agent");
    TelegramChannel.agents(agentId);
    TelegramChannel channel = TelegramChannel.create("Erasure", "EVENLY", agentId);
    String chatId = Long.toString(channel.chatId);
    List<JsonNode> frames = new CopyOnWriteArrayList<>();
    WebSocket socket = TelegramChannel.online(agent, frames);

    clientWrites(channel, 1, firstName, lastName, username, clientText);
    String sessionId = sessionOf(channel, agent);
    String clientId = clientIdOf(sessionId, agent);
    TelegramChannel.as(agent)
        .body(Map.of("text", replyText))
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(201);
    await("the reply sent to Telegram and the frames of the session pushed")
        .atMost(PATIENCE)
        .until(
            () ->
                channel.textsSentToTheClient().contains(replyText)
                    && frames.stream()
                        .anyMatch(f -> sessionId.equals(f.path("sessionId").asText())));
    List<String> needles = List.of(firstName, lastName, username, clientText, replyText, chatId);
    assertThat(Traces.tablesContaining(firstName), not(empty()));

    // Only an administrator erases, and only a client that has no open session.
    String path = "/api/v1/clients/" + clientId;
    given().baseUri(Platform.gateway()).delete(path).then().statusCode(401);
    TelegramChannel.as(agent).delete(path).then().statusCode(403);
    TelegramChannel.as(TestTokens.token("supervisor-" + suffix, "supervisor"))
        .delete(path)
        .then()
        .statusCode(403);
    TelegramChannel.as(TelegramChannel.ADMIN)
        .delete("/api/v1/clients/" + UUID.randomUUID())
        .then()
        .statusCode(404);
    TelegramChannel.as(TelegramChannel.ADMIN)
        .delete(path)
        .then()
        .statusCode(409)
        .body("currentState.openSessionIds", equalTo(List.of(sessionId)));

    TelegramChannel.as(agent)
        .post("/api/v1/sessions/" + sessionId + "/close")
        .then()
        .statusCode(200);
    JsonPath erased =
        TelegramChannel.as(TelegramChannel.ADMIN)
            .delete(path)
            .then()
            .statusCode(202)
            .body("clientId", equalTo(clientId))
            .body("sessions", equalTo(1))
            .extract()
            .jsonPath();
    TelegramChannel.as(TelegramChannel.ADMIN)
        .delete(path)
        .then()
        .statusCode(202)
        .body("erasedAt", equalTo(erased.getString("erasedAt")));

    for (String needle : needles) {
      assertThat(needle + " in the database", Traces.tablesContaining(needle), empty());
    }
    await("the gateway's copies (session directory, agents' replay logs) forget the client")
        .atMost(PATIENCE)
        .until(
            () -> {
              for (String needle : needles) {
                if (Traces.redisKeysContaining(needle) > 0) {
                  return false;
                }
              }
              return true;
            });

    // What the statistics need stays: the session, its agent, its times, its messages.
    try (Connection db = Platform.testDatabase();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT s.state, s.assigned_agent_id, s.opened_at IS NOT NULL,"
                    + " s.closed_at IS NOT NULL, count(m.id)"
                    + " FROM session.session s JOIN session.message m ON m.session_id = s.id"
                    + " WHERE s.id = ?::uuid GROUP BY s.id")) {
      query.setString(1, sessionId);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next(), equalTo(true));
        assertThat(row.getString(1), equalTo("CLOSED"));
        assertThat(row.getString(2), equalTo(agentId));
        assertThat(row.getBoolean(3) && row.getBoolean(4), equalTo(true));
        assertThat(row.getInt(5), equalTo(2));
      }
    }
    List<String> texts =
        TelegramChannel.as(TelegramChannel.ADMIN)
            .get("/api/v1/sessions/" + sessionId + "/messages")
            .then()
            .statusCode(200)
            .extract()
            .path("items.text");
    assertThat(texts, equalTo(List.of("[erased]", "[erased]")));

    // The same Telegram user writes again: a new client, who knows nothing of the erased one.
    clientWrites(channel, 2, firstName, lastName, username, "hello again");
    String newSessionId =
        await("a new session for the returning person")
            .atMost(PATIENCE)
            .until(() -> channel.sessionIdsIn(agent), ids -> ids.size() == 1)
            .get(0);
    assertThat(newSessionId, not(equalTo(sessionId)));
    assertThat(clientIdOf(newSessionId, agent), not(equalTo(clientId)));
    assertThat(
        TelegramChannel.as(agent)
            .get("/api/v1/sessions/" + newSessionId + "/messages")
            .then()
            .statusCode(200)
            .extract()
            .<List<String>>path("items.text"),
        everyItem(equalTo("hello again")));
    socket.abort();
  }

  private static void clientWrites(
      TelegramChannel channel,
      int messageId,
      String firstName,
      String lastName,
      String username,
      String text) {
    // An update id shorter than the chat id, so that it cannot contain it.
    String update =
        TelegramChannel.update(
            ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L),
            channel.chatId,
            firstName,
            lastName,
            username,
            messageId,
            text);
    await("the gateway takes the update")
        .atMost(PATIENCE)
        .until(
            () ->
                given()
                    .baseUri(Platform.gateway())
                    .contentType("application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", channel.webhookSecret)
                    .body(update)
                    .post("/webhooks/telegram/" + channel.connectorId)
                    .statusCode(),
            status -> status == 200);
  }

  private static String sessionOf(TelegramChannel channel, String agent) {
    return await("the session in the agent's list")
        .atMost(PATIENCE)
        .until(() -> channel.sessionIdsIn(agent), ids -> ids.size() == 1)
        .get(0);
  }

  private static String clientIdOf(String sessionId, String agent) {
    return TelegramChannel.as(agent)
        .get("/api/v1/agent/sessions")
        .then()
        .statusCode(200)
        .extract()
        .path("items.find { it.id == '" + sessionId + "' }.client.id");
  }
}
