package dev.switchboard.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.TestTokens;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5 through the whole platform (docs/flows/offers-and-transfers.md): a session offered in
 * queue order (Q3) or to everybody (Q4) is taken with accept, passed on with decline, and an
 * assigned session is transferred to another agent; what each agent sees in its list and on its
 * WebSocket follows.
 */
@ExtendWith(Platform.class)
class OffersAndTransfersIT {

  private String first;
  private String second;
  private final List<JsonNode> firstFrames = new CopyOnWriteArrayList<>();
  private final List<JsonNode> secondFrames = new CopyOnWriteArrayList<>();
  private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();

  @BeforeEach
  void twoAgentsOnline() {
    int run = ThreadLocalRandom.current().nextInt(1_000_000);
    first = "offers-first-" + run;
    second = "offers-second-" + run;
    TelegramChannel.agents(first, second);
    sockets.add(TelegramChannel.online(token(first), firstFrames));
    sockets.add(TelegramChannel.online(token(second), secondFrames));
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(WebSocket::abort);
  }

  @Test
  void strictOrderOffersToTheFirstAgentAndADeclinePassesItToTheNext() {
    TelegramChannel channel = TelegramChannel.create("Strict order", "STRICT_ORDER", first, second);
    channel.clientWrites(1, "Hello?");

    // The first agent of the queue is offered the session, and only they.
    String sessionId = awaitOffer(first, channel);
    assertThat(
        frameOf(firstFrames, "OFFERED", sessionId).path("data").path("offerId").isTextual(),
        equalTo(true));
    assertThat(itemsOf(second, channel), not(hasItem(sessionId)));

    // Taking an offer one does not hold is refused.
    accept(second, sessionId).then().statusCode(409);

    // The first agent declines: the offer leaves their list and goes to the second agent.
    decline(first, sessionId).then().statusCode(200).body("state", equalTo("DECLINED"));
    awaitOffer(second, channel);
    await("the declined offer leaves the first agent's list")
        .atMost(TelegramChannel.PATIENCE)
        .until(() -> itemsOf(first, channel).isEmpty());
    frameOf(firstFrames, "OFFER_WITHDRAWN", sessionId);

    // The second agent accepts; the session is theirs, the first agent can no longer take it.
    accept(second, sessionId)
        .then()
        .statusCode(200)
        .body("state", equalTo("ASSIGNED"))
        .body("agentId", equalTo(second));
    accept(first, sessionId).then().statusCode(409);
    awaitAssigned(second, channel, sessionId);
    frameOf(secondFrames, "ASSIGNED", sessionId);
  }

  @Test
  void inStrictOrderTheOfferedAgentWhoAnswersTheClientTakesTheSession() {
    TelegramChannel channel =
        TelegramChannel.create("Answer takes it", "STRICT_ORDER", first, second);
    channel.clientWrites(1, "Is anybody there?");
    String sessionId = awaitOffer(first, channel);

    // Not offered to the second agent: they may not answer.
    reply(second, sessionId, "Me?").then().statusCode(403);

    // The offered agent answers instead of accepting: the answer takes the session (Q3).
    reply(first, sessionId, "Yes, how can I help?").then().statusCode(201);
    // Assigned to the agent, who wrote last: the client is to answer.
    assertThat(stateIn(first, channel, sessionId), equalTo("WAITING_CLIENT"));
    frameOf(firstFrames, "ASSIGNED", sessionId);
    await("the answer reaches the client")
        .atMost(TelegramChannel.PATIENCE)
        .until(channel::textsSentToTheClient, hasItem("Yes, how can I help?"));

    // routing-service agrees: the offer is settled, nobody else can take the session.
    accept(second, sessionId).then().statusCode(409);
    decline(first, sessionId).then().statusCode(409);
    reply(first, sessionId, "Tell me more").then().statusCode(201);
    assertThat(itemsOf(second, channel), not(hasItem(sessionId)));
    assertThat(itemsOf(first, channel), equalTo(List.of(sessionId)));
  }

  @Test
  void toAllOffersEveryoneAndTheFirstAcceptWinsTheOthersAreToldAtOnce() {
    TelegramChannel channel = TelegramChannel.create("To all", "ALL", first, second);
    channel.clientWrites(1, "Anyone there?");

    String sessionId = awaitOffer(first, channel);
    awaitOffer(second, channel);
    // With an offer to everybody the first to accept takes it: answering first is refused.
    reply(first, sessionId, "Hi!").then().statusCode(409).body("detail", containsString("accept"));

    accept(second, sessionId).then().statusCode(200).body("state", equalTo("ASSIGNED"));
    JsonNode withdrawn = frameOf(firstFrames, "OFFER_WITHDRAWN", sessionId);
    assertThat(
        withdrawn.path("data").path("reason").asText(), equalTo("ACCEPTED_BY_ANOTHER_AGENT"));
    accept(first, sessionId).then().statusCode(409);
    awaitAssigned(second, channel, sessionId);
    await("the lost offer leaves the first agent's list")
        .atMost(TelegramChannel.PATIENCE)
        .until(() -> itemsOf(first, channel).isEmpty());
  }

  @Test
  void anAgentTransfersASessionToAColleagueOutsideTheQueue() {
    TelegramChannel channel = TelegramChannel.create("Transfers", "EVENLY", first);
    channel.clientWrites(1, "I need billing");
    String sessionId = awaitAssigned(first, channel, null);

    TelegramChannel.as(token(first))
        .body(Map.of("toAgentId", second))
        .post("/api/v1/sessions/" + sessionId + "/transfer")
        .then()
        .statusCode(202);

    awaitAssigned(second, channel, sessionId);
    frameOf(secondFrames, "ASSIGNED", sessionId);
    await("the session leaves the first agent's list")
        .atMost(TelegramChannel.PATIENCE)
        .until(() -> itemsOf(first, channel).isEmpty());
    // The new agent answers the client; the previous one no longer can.
    TelegramChannel.as(token(second))
        .body("{\"text\":\"Billing here, how can I help?\"}")
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(201);
    TelegramChannel.as(token(first))
        .body("{\"text\":\"still me\"}")
        .post("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(403);
  }

  @Test
  void withNobodyAvailableTheClientGetsTheOffHoursTextOnce() {
    String absent = "offers-absent-" + ThreadLocalRandom.current().nextInt(1_000_000);
    TelegramChannel.agents(absent);
    TelegramChannel channel = TelegramChannel.create("Nobody in", "EVENLY", absent);
    String offHours = "We are away; an agent will answer as soon as one is back.";
    channel.changeSettings("workingTime", Map.of("offHoursText", offHours));
    channel.changeSettings("automation", Map.of("noAgentAction", "OFF_HOURS_TEXT"));

    channel.clientWrites(1, "Hello?");
    await("the off-hours text (A4)")
        .atMost(TelegramChannel.PATIENCE)
        .until(channel::textsSentToTheClient, equalTo(List.of(offHours)));

    // The client writes again while still nobody is in: no second automatic text.
    channel.clientWrites(2, "Hello??");
    TelegramChannel.as(token(absent))
        .body("{\"status\":\"ONLINE\"}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(200);
    String sessionId = awaitAssigned(absent, channel, null);
    reply(absent, sessionId, "Here now").then().statusCode(201);
    await("the agent's answer reaches the client")
        .atMost(TelegramChannel.PATIENCE)
        .until(channel::textsSentToTheClient, hasItem("Here now"));
    assertThat(channel.textsSentToTheClient(), equalTo(List.of(offHours, "Here now")));
  }

  private static io.restassured.response.Response reply(
      String agentId, String sessionId, String text) {
    return TelegramChannel.as(token(agentId))
        .body(Map.of("text", text))
        .post("/api/v1/sessions/" + sessionId + "/messages");
  }

  private static String token(String agentId) {
    return TestTokens.token(agentId, "agent");
  }

  private static io.restassured.response.Response accept(String agentId, String sessionId) {
    return TelegramChannel.as(token(agentId)).post("/api/v1/sessions/" + sessionId + "/accept");
  }

  private static io.restassured.response.Response decline(String agentId, String sessionId) {
    return TelegramChannel.as(token(agentId)).post("/api/v1/sessions/" + sessionId + "/decline");
  }

  /** The ids of the agent's list items of this channel. */
  private static List<String> itemsOf(String agentId, TelegramChannel channel) {
    return channel.sessionIdsIn(token(agentId));
  }

  private static String stateIn(String agentId, TelegramChannel channel, String sessionId) {
    return TelegramChannel.as(token(agentId))
        .get("/api/v1/agent/sessions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString(
            "items.find { it.channelId == '"
                + channel.channelId
                + "' && it.id == '"
                + sessionId
                + "' }.state");
  }

  /** Waits for the agent's list to hold one offered session of the channel; returns its id. */
  private static String awaitOffer(String agentId, TelegramChannel channel) {
    String sessionId =
        await(agentId + " is offered a session")
            .atMost(TelegramChannel.PATIENCE)
            .until(() -> itemsOf(agentId, channel), ids -> ids.size() == 1)
            .get(0);
    assertThat(stateIn(agentId, channel, sessionId), equalTo("OFFERED"));
    return sessionId;
  }

  /**
   * Waits until the session (or, with null, the channel's only session) is ASSIGNED to the agent.
   */
  private static String awaitAssigned(
      String agentId, TelegramChannel channel, String expectedSessionId) {
    return await(agentId + " has the session")
        .atMost(TelegramChannel.PATIENCE)
        .until(
            () -> {
              List<String> ids = itemsOf(agentId, channel);
              if (ids.size() != 1) {
                return null;
              }
              String id = ids.get(0);
              boolean assigned = "ASSIGNED".equals(stateIn(agentId, channel, id));
              boolean expected = expectedSessionId == null || expectedSessionId.equals(id);
              return assigned && expected ? id : null;
            },
            id -> id != null);
  }

  private static JsonNode frameOf(List<JsonNode> frames, String type, String sessionId) {
    return await("a " + type + " frame")
        .atMost(TelegramChannel.PATIENCE)
        .until(
            () ->
                frames.stream()
                    .filter(f -> type.equals(f.path("type").asText()))
                    .filter(f -> sessionId.equals(f.path("sessionId").asText()))
                    .findFirst()
                    .orElse(null),
            f -> f != null);
  }
}
