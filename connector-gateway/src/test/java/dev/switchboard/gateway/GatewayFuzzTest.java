package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.Topics;
import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TelegramUpdatesJson;
import dev.switchboard.gateway.support.TestConnectors;
import dev.switchboard.gateway.support.TestConnectors.Bot;
import dev.switchboard.gateway.telegram.api.TelegramWebhookResource;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import dev.switchboard.testkit.fuzz.Fuzz;
import dev.switchboard.testkit.fuzz.HostileBodies;
import dev.switchboard.testkit.fuzz.HostileClient;
import dev.switchboard.testkit.fuzz.ProblemAnswers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies for the gateway's own endpoints (issue 12's suite; the forwarded API is fuzzed in
 * each service): mutations of every kind of real Telegram update, posted with the right secret, and
 * of an agent's status. No answer is a 5xx (Telegram would retry it for a day), every refusal is a
 * problem naming what is wrong, and the chats' partition still flows afterwards. {@code
 * -Dfuzz.tries=N} for a longer run.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class GatewayFuzzTest {

  @Inject SecretsCipher cipher;

  @Test
  void hostileUpdatesNeverGetA5xxAndAFreshChatIsStillPublishedAfterThem() {
    Bot bot = TestConnectors.registered(cipher);
    long fuzzedChat = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    Fuzz.forAll(
        "POST /webhooks/telegram/{connectorId}",
        HostileBodies.mutationsOf(TelegramUpdatesJson.allKinds(updateId(), fuzzedChat)),
        Fuzz.tries(400),
        body ->
            ProblemAnswers.assertAcceptable(
                HostileClient.send(
                    "POST",
                    path(bot),
                    Map.of(TelegramWebhookResource.SECRET_HEADER, bot.secret()),
                    body)));

    long freshChat = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    String key = "telegram:" + bot.accountId() + ":" + freshChat;
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      given()
          .header(TelegramWebhookResource.SECRET_HEADER, bot.secret())
          .contentType("application/json")
          .body(TelegramUpdatesJson.textMessage(updateId(), freshChat, 1, "¿Sigue ahí?"))
          .post(path(bot))
          .then()
          .statusCode(200);
      inbound.await(r -> key.equals(r.key()), Duration.ofSeconds(10));
    }
  }

  /** Found by TelegramUpdatesPropertyTest: a DateTimeException, answered 500. */
  @Test
  void aDateNoInstantHoldsIs400NamingMessageDate() {
    Bot bot = TestConnectors.registered(cipher);
    given()
        .header(TelegramWebhookResource.SECRET_HEADER, bot.secret())
        .contentType("application/json")
        .body(
            TelegramUpdatesJson.textMessage(updateId(), 552093841, 9, "Hola")
                .replace("\"date\":1764065730", "\"date\":9223372036854775807"))
        .post(path(bot))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("message.date"));
  }

  @Test
  void hostileAgentStatusesNeverGetA5xx() {
    String agent = "agent-" + UUID.randomUUID();
    Fuzz.forAll(
        "PUT /api/v1/agent/status",
        HostileBodies.mutationsOf(
            "{\"status\":\"ONLINE\"}", "{\"status\":\"AWAY\",\"clockedIn\":true}"),
        Fuzz.tries(200),
        body ->
            ProblemAnswers.assertAcceptable(
                HostileClient.send(
                    "PUT",
                    "/api/v1/agent/status",
                    Map.of("Authorization", "Bearer " + TestTokens.token(agent, "agent")),
                    body)));
  }

  /** Found by the fuzzer: Jackson's record deserializer failed on the second value, a bare 500. */
  @Test
  void aStatusFieldGivenTwiceIs400NamingIt() {
    given()
        .header(
            "Authorization", "Bearer " + TestTokens.token("agent-" + UUID.randomUUID(), "agent"))
        .contentType("application/json")
        .body("{\"status\":\"AWAY\",\"clockedIn\":true,\"status\":true}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("status"));
  }

  private static String path(Bot bot) {
    return "/webhooks/telegram/" + bot.connectorId();
  }

  private static long updateId() {
    return ThreadLocalRandom.current().nextLong(1L, 1_000_000_000L);
  }
}
