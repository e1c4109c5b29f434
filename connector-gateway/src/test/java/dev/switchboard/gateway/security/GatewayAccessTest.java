package dev.switchboard.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.gateway.agentpush.api.AgentEventsSocket;
import dev.switchboard.gateway.support.AgentSockets;
import dev.switchboard.gateway.support.AgentSockets.Frames;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.UpstreamStub;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who gets through the gateway: the agent API and socket it serves itself (by role), and the calls
 * it forwards (a valid token of the platform's audience; the owning service then checks the role,
 * see its own access tests).
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class GatewayAccessTest {

  /** Not a status: the socket opened. */
  private static final int OPENED = 101;

  @TestHTTPResource(AgentEventsSocket.PATH)
  URI events;

  UpstreamStub channelConfig;

  @BeforeEach
  void startChannelConfig() {
    channelConfig = UpstreamStub.start();
  }

  @AfterAll
  static void stopUpstreams() {
    UpstreamStub.stop();
  }

  private record Caller(String kind, String token, int status, int socket) {}

  @Test
  void theAgentStatusAndTheAgentSocketAnswerEachKindOfCallerAsTheRolesSay() throws Exception {
    String user = "user-" + UUID.randomUUID();
    List<Caller> table =
        List.of(
            new Caller("anonymous", null, 401, 401),
            new Caller(
                "agent of another audience",
                TestTokens.tokenForAnotherAudience(user, "agent"),
                401,
                401),
            new Caller(
                "agent without audience", TestTokens.tokenWithoutAudience(user, "agent"), 401, 401),
            new Caller("supervisor", TestTokens.token(user, "supervisor"), 403, 403),
            new Caller("bot", TestTokens.token(user, "bot"), 403, 403),
            new Caller("admin", TestTokens.token(user, "admin"), 403, 403),
            new Caller("agent", TestTokens.token(user, "agent"), 200, OPENED));

    AgentSockets sockets = new AgentSockets(events);
    List<String> wrong = new ArrayList<>();
    for (Caller caller : table) {
      int status =
          as(caller.token())
              .contentType("application/json")
              .body("{\"status\":\"AWAY\"}")
              .put("/api/v1/agent/status")
              .statusCode();
      if (status != caller.status()) {
        wrong.add("PUT /api/v1/agent/status as " + caller.kind() + ": " + status);
      }
      int socket;
      if (caller.socket() == OPENED) {
        try (Frames opened = sockets.connectWithToken(caller.token())) {
          socket = OPENED;
        }
      } else {
        socket =
            sockets.refusedUpgrade(caller.token() == null ? "" : "?access_token=" + caller.token());
      }
      if (socket != caller.socket()) {
        wrong.add("WebSocket " + AgentEventsSocket.PATH + " as " + caller.kind() + ": " + socket);
      }
    }
    assertThat(wrong, empty());
  }

  @Test
  void aTokenOfTheIssuerForAnotherAudienceIsRefusedWith401AndNotForwarded() {
    String channelPath = "/api/v1/channels/" + UUID.randomUUID();
    as(TestTokens.tokenForAnotherAudience("admin-1", "admin"))
        .get(channelPath)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("status", equalTo(401));
    assertThat(channelConfig.received(channelPath), empty());

    as(TestTokens.token("admin-1", "admin")).get(channelPath).then().statusCode(200);
    assertThat(channelConfig.received(channelPath), hasSize(1));
  }

  @Test
  void aTokenWhoseSubjectIsNoUserIdIsRefusedWith401EverywhereAndNotForwarded() throws Exception {
    String channelPath = "/api/v1/channels/" + UUID.randomUUID();
    AgentSockets sockets = new AgentSockets(events);
    // A ':' would make this agent's Redis keys another's; the rule is platform-runtime's
    // AgentIdRule.
    for (String subject : List.of("bob:sessions", "a".repeat(129), "bob smith")) {
      String agent = TestTokens.token(subject, "agent");
      as(agent)
          .contentType("application/json")
          .body("{\"status\":\"ONLINE\"}")
          .put("/api/v1/agent/status")
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
      assertThat(subject, sockets.refusedUpgrade("?access_token=" + agent), equalTo(401));
      as(TestTokens.token(subject, "admin"))
          .get(channelPath)
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .header("WWW-Authenticate", "Bearer");
    }
    assertThat(channelConfig.received(channelPath), empty());

    as(TestTokens.token("bob.smith+1@example.com", "admin"))
        .get(channelPath)
        .then()
        .statusCode(200);
    assertThat(channelConfig.received(channelPath), hasSize(1));
  }

  private static RequestSpecification as(String token) {
    return token == null ? given() : given().header("Authorization", "Bearer " + token);
  }
}
