package dev.switchboard.gateway.forwarding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.UpstreamStub;
import dev.switchboard.gateway.support.UpstreamStub.Answer;
import dev.switchboard.gateway.support.UpstreamStub.Received;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class ApiForwardingTest {

  @TestHTTPResource("/")
  URL gateway;

  UpstreamStub channelConfig;
  UpstreamStub routing;

  @BeforeEach
  void startUpstreams() {
    channelConfig = UpstreamStub.start();
    routing = UpstreamStub.start(GatewayStubsResource.ROUTING_PORT);
  }

  @AfterAll
  static void stopUpstreams() {
    UpstreamStub.stop();
  }

  @Test
  void aChannelRequestReachesChannelConfigAsSentAndItsAnswerComesBack() {
    String id = UUID.randomUUID().toString();
    String token = TestTokens.token("admin-1", "admin");
    channelConfig.answer(
        request ->
            new Answer(
                201,
                Map.of(
                    "Content-Type", "application/json",
                    "ETag", "\"3\"",
                    "Location",
                        "http://127.0.0.1:" + channelConfig.port() + "/api/v1/channels/" + id,
                    "X-Internal", "not for the outside"),
                "{\"id\":\"" + id + "\",\"name\":\"Soporte\",\"version\":3}"));

    Response response =
        given()
            .urlEncodingEnabled(false)
            .header("Authorization", "Bearer " + token)
            .header("If-Match", "\"2\"")
            .contentType("application/json")
            .body("{\"name\":\"Soporte\"}")
            .post("/api/v1/channels/" + id + "/queue?dryRun=true&x=%C3%B1");

    assertThat(response.statusCode(), equalTo(201));
    assertThat(response.header("ETag"), equalTo("\"3\""));
    assertThat(
        response.header("Location"),
        equalTo(
            "http://" + gateway.getHost() + ":" + gateway.getPort() + "/api/v1/channels/" + id));
    assertThat(response.header("X-Internal"), equalTo(null));
    assertThat(response.contentType(), equalTo("application/json"));
    assertThat(response.jsonPath().getString("name"), equalTo("Soporte"));

    List<Received> received = channelConfig.received("/api/v1/channels/" + id + "/queue");
    assertThat(received, hasSize(1));
    Received request = received.get(0);
    assertThat(request.method(), equalTo("POST"));
    assertThat(request.query(), equalTo("dryRun=true&x=%C3%B1"));
    assertThat(request.header("Authorization"), equalTo("Bearer " + token));
    assertThat(request.header("If-Match"), equalTo("\"2\""));
    assertThat(request.header("Content-Type"), equalTo("application/json"));
    assertThat(request.body(), equalTo("{\"name\":\"Soporte\"}"));
  }

  @Test
  void theUpstreamErrorsComeBackAsTheyAre() {
    String id = UUID.randomUUID().toString();
    channelConfig.answer(
        request ->
            new Answer(
                404,
                Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404}"));

    given()
        .header("Authorization", "Bearer " + TestTokens.token("admin-1", "admin"))
        .get("/api/v1/agents/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("title", equalTo("Not found"));
    assertThat(channelConfig.received("/api/v1/agents/" + id), hasSize(1));
  }

  @Test
  void withoutAValidTokenNothingIsForwardedAndTheAnswerIs401() {
    String id = UUID.randomUUID().toString();

    given()
        .get("/api/v1/channels/" + id)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("status", equalTo(401));
    given()
        .header("Authorization", "Bearer " + TestTokens.expiredToken("admin-1", "admin"))
        .get("/api/v1/channels/" + id)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");

    assertThat(channelConfig.received("/api/v1/channels/" + id), empty());
  }

  @Test
  void aSessionServiceThatIsDownIs502WithAnErrorId() {
    given()
        .header("Authorization", "Bearer " + TestTokens.token("agent-1", "agent"))
        .get("/api/v1/agent/sessions")
        .then()
        .statusCode(502)
        .contentType("application/problem+json")
        .body("status", equalTo(502))
        .body("errorId", notNullValue());
    given()
        .header("Authorization", "Bearer " + TestTokens.token("agent-1", "agent"))
        .contentType("application/json")
        .body("{\"text\":\"hi\"}")
        .post("/api/v1/sessions/" + UUID.randomUUID() + "/messages")
        .then()
        .statusCode(502);
    // A bot's list of its sessions (B1) is session-service's too.
    given()
        .header("Authorization", "Bearer " + TestTokens.token("bot-1", "bot"))
        .get("/api/v1/bot/sessions")
        .then()
        .statusCode(502);
  }

  @Test
  void acceptingAnOfferGoesToRoutingServiceAndItsAnswerComesBack() {
    String sessionId = UUID.randomUUID().toString();
    String token = TestTokens.token("agent-1", "agent");
    routing.answer(
        request ->
            new Answer(
                200,
                Map.of("Content-Type", "application/json"),
                "{\"sessionId\":\""
                    + sessionId
                    + "\",\"agentId\":\"agent-1\",\"offerId\":\"o-1\",\"state\":\"ASSIGNED\"}"));

    given()
        .header("Authorization", "Bearer " + token)
        .post("/api/v1/sessions/" + sessionId + "/accept")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("state", equalTo("ASSIGNED"))
        .body("offerId", equalTo("o-1"));

    List<Received> received = routing.received("/api/v1/sessions/" + sessionId + "/accept");
    assertThat(received, hasSize(1));
    assertThat(received.get(0).method(), equalTo("POST"));
    assertThat(received.get(0).header("Authorization"), equalTo("Bearer " + token));
  }

  @Test
  void aDeclineAndItsConflictAndAChannelsWaitingSessionsGoToRoutingService() {
    String sessionId = UUID.randomUUID().toString();
    String channelId = UUID.randomUUID().toString();
    routing.answer(
        request ->
            request.path().endsWith("/decline")
                ? new Answer(
                    409,
                    Map.of("Content-Type", "application/problem+json"),
                    "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"no offer for you\"}")
                : new Answer(
                    200,
                    Map.of("Content-Type", "application/json"),
                    "{\"waiting\":[],\"count\":0}"));

    given()
        .header("Authorization", "Bearer " + TestTokens.token("agent-1", "agent"))
        .post("/api/v1/sessions/" + sessionId + "/decline")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", equalTo("no offer for you"));
    given()
        .header("Authorization", "Bearer " + TestTokens.token("sup-1", "supervisor"))
        .get("/api/v1/channels/" + channelId + "/waiting")
        .then()
        .statusCode(200)
        .body("count", equalTo(0));

    assertThat(routing.received("/api/v1/sessions/" + sessionId + "/decline"), hasSize(1));
    assertThat(routing.received("/api/v1/channels/" + channelId + "/waiting"), hasSize(1));
    assertThat(channelConfig.received("/api/v1/channels/" + channelId + "/waiting"), empty());
  }

  @Test
  void aChannelsWorkingTimeNowGoesToSessionServiceWithoutAToken() {
    String channelId = UUID.randomUUID().toString();

    // session-service is down in these tests: its 502 names it, so the request went there.
    given()
        .get("/api/v1/channels/" + channelId + "/working-time/now")
        .then()
        .statusCode(502)
        .body("detail", containsString("session-service"));
    // Only reading is public: anything else on the path is channel-config's, behind a token.
    given().post("/api/v1/channels/" + channelId + "/working-time/now").then().statusCode(401);
    given().get("/api/v1/channels/" + channelId + "/working-time").then().statusCode(401);

    assertThat(
        channelConfig.received("/api/v1/channels/" + channelId + "/working-time/now"), empty());
  }

  @Test
  void aTransferAndTheOtherSessionPathsStayWithSessionService() {
    String sessionId = UUID.randomUUID().toString();

    // session-service is down in these tests: its 502 names it.
    given()
        .header("Authorization", "Bearer " + TestTokens.token("agent-1", "agent"))
        .contentType("application/json")
        .body("{\"toAgentId\":\"agent-2\"}")
        .post("/api/v1/sessions/" + sessionId + "/transfer")
        .then()
        .statusCode(502)
        .body("detail", containsString("session-service"));
    given()
        .header("Authorization", "Bearer " + TestTokens.token("agent-1", "agent"))
        .post("/api/v1/sessions/" + sessionId + "/accept/more")
        .then()
        .statusCode(502)
        .body("detail", containsString("session-service"));

    assertThat(routing.received("/api/v1/sessions/" + sessionId + "/transfer"), empty());
    assertThat(routing.received("/api/v1/sessions/" + sessionId + "/accept/more"), empty());
  }

  @Test
  void cannedResponseListsGoToChannelConfig() {
    String listId = UUID.randomUUID().toString();
    channelConfig.answer(
        request ->
            new Answer(
                200,
                Map.of("Content-Type", "application/json"),
                "{\"id\":\"" + listId + "\",\"name\":\"Saludos\"}"));

    given()
        .header("Authorization", "Bearer " + TestTokens.token("admin-1", "admin"))
        .get("/api/v1/canned-response-lists/" + listId + "?q=hola")
        .then()
        .statusCode(200)
        .body("name", equalTo("Saludos"));

    List<Received> received = channelConfig.received("/api/v1/canned-response-lists/" + listId);
    assertThat(received, hasSize(1));
    assertThat(received.get(0).query(), equalTo("q=hola"));
  }

  @Test
  void theGatewayOwnAgentApiIsNotForwarded() {
    given()
        .header("Authorization", "Bearer " + TestTokens.token("agent-1", "agent"))
        .contentType("application/json")
        .body("{\"status\":\"AWAY\"}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(200);
  }
}
