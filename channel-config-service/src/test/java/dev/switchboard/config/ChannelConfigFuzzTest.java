package dev.switchboard.config;

import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.fuzz.Fuzz;
import dev.switchboard.testkit.fuzz.HostileBodies;
import dev.switchboard.testkit.fuzz.HostileBody;
import dev.switchboard.testkit.fuzz.HostileClient;
import dev.switchboard.testkit.fuzz.HostileIds;
import dev.switchboard.testkit.fuzz.ProblemAnswers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies for every endpoint of this service that takes one (issue 12's suite), grown from
 * the payloads a real admin sends (for a channel, the {@code GET} representation, which its {@code
 * PUT} accepts). No answer is a 5xx, every refusal is a problem naming what is wrong, and the
 * service still works afterwards. {@code -Dfuzz.tries=N} per endpoint for a longer run.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class ChannelConfigFuzzTest {

  private static final int TRIES = 200;
  // Kept after the ids other tests page through: the directory persists between runs.
  private static final String AGENT_PREFIX = "zz-fuzz-";
  private static final Map<String, String> ADMIN =
      Map.of("Authorization", "Bearer " + TestTokens.token("admin1", "admin"));

  @Test
  void hostileChannelsNeverGetA5xx() {
    fuzz("POST", "/api/v1/channels", "{}", "{\"name\":\"Soporte 😀\"}");
    String channel = Api.newChannel();
    String representation =
        Api.admin().get("/api/v1/channels/" + channel).then().statusCode(200).extract().asString();
    fuzz("PUT", "/api/v1/channels/" + channel, representation);
    Api.admin().get("/api/v1/channels/" + channel).then().statusCode(200);
  }

  @Test
  void hostileQueuesNeverGetA5xx() {
    String channel = Api.newChannel();
    fuzz(
        "PUT",
        "/api/v1/channels/" + channel + "/queue",
        """
        {"members":[{"type":"USER","id":"agent1"},{"type":"DEPARTMENT","id":"sales"}],
         "distributionMode":"EVENLY"}""",
        """
        {"members":[],"distributionMode":"STRICT_ORDER","agentIds":[],"version":1}""");
    Api.admin().get("/api/v1/channels/" + channel + "/queue").then().statusCode(200);
  }

  @Test
  void hostileAgentsAndAgentEntriesNeverGetA5xx() {
    String agent = AGENT_PREFIX + Api.unique("agent");
    fuzz(
        "PUT",
        "/api/v1/agents/" + agent,
        """
        {"name":"Ana Núñez","avatarUrl":"https://example.com/ana.png","departments":["sales"],
         "dismissed":false,
         "absences":[{"from":"2026-12-24T00:00:00Z","to":"2026-12-27T00:00:00Z",
                      "reason":"VACATION"}]}""");
    String channel = Api.newChannel();
    fuzz(
        "PUT",
        "/api/v1/channels/" + channel + "/agent-entries/" + agent,
        """
        {"displayName":"Ana de Ventas","avatarUrl":"https://example.com/ana.png"}""");
    Api.admin().get("/api/v1/agents/" + agent).then().statusCode(200);
  }

  @Test
  void hostileConnectorsNeverGetA5xx() {
    String channel = Api.newChannel();
    String botId = Api.newBotId();
    fuzz(
        "POST",
        "/api/v1/channels/" + channel + "/connectors",
        """
        {"type":"telegram","botToken":"%s","webhookSecret":"s3cret_A-1"}"""
            .formatted(Api.botToken(botId)));
    Api.admin().get("/api/v1/channels/" + channel + "/connectors").then().statusCode(200);
  }

  @Test
  void hostileCannedResponseListsNeverGetA5xx() {
    String seed =
        """
        {"name":"Ventas","items":[{"shortcut":"hola","text":"¡Hola! ¿En qué puedo ayudar?"},
                                  {"shortcut":"bye","text":"Gracias, hasta pronto 👋"}]}""";
    fuzz("POST", "/api/v1/canned-response-lists", seed);
    String list =
        Api.admin()
            .body(seed)
            .post("/api/v1/canned-response-lists")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    fuzz("PUT", "/api/v1/canned-response-lists/" + list, seed);
    Api.admin().get("/api/v1/canned-response-lists/" + list).then().statusCode(200);
  }

  @Test
  void hostileIdsInPathsNeverGetA5xx() {
    HostileBody queue =
        new HostileBody(
            "valid queue",
            "application/json",
            "{\"members\":[],\"distributionMode\":\"EVENLY\"}".getBytes(StandardCharsets.UTF_8));
    HostileBody agent =
        new HostileBody(
            "valid agent",
            "application/json",
            "{\"name\":\"Ana\"}".getBytes(StandardCharsets.UTF_8));
    Fuzz.forAll(
        "ids in paths of /api/v1/channels, /agents, /canned-response-lists",
        HostileIds.pathSegments(),
        Fuzz.tries(TRIES),
        id -> {
          ProblemAnswers.assertAcceptable(
              HostileClient.send("GET", "/api/v1/channels/" + id, ADMIN, HostileIds.noBody()));
          ProblemAnswers.assertAcceptable(
              HostileClient.send("PUT", "/api/v1/channels/" + id + "/queue", ADMIN, queue));
          ProblemAnswers.assertAcceptable(
              HostileClient.send("PUT", "/api/v1/agents/" + AGENT_PREFIX + id, ADMIN, agent));
          ProblemAnswers.assertAcceptable(
              HostileClient.send(
                  "GET", "/api/v1/canned-response-lists/" + id, ADMIN, HostileIds.noBody()));
        });
  }

  private static void fuzz(String method, String path, String... seeds) {
    Fuzz.forAll(
        method + " " + path,
        HostileBodies.mutationsOf(seeds),
        Fuzz.tries(TRIES),
        body -> ProblemAnswers.assertAcceptable(HostileClient.send(method, path, ADMIN, body)));
  }
}
