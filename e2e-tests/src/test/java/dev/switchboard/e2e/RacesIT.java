package dev.switchboard.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Races that peers of this platform lost, each from a public bug report (issue 12), run through the
 * whole platform: what two requests at the same moment must not do.
 */
@ExtendWith(Platform.class)
class RacesIT {

  private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void closeSockets() {
    sockets.forEach(WebSocket::abort);
  }

  /**
   * Chatwoot #10798, Rocket.Chat #38148: a new client's first two messages arrive at the same
   * moment, each on another gateway instance. One session, both messages in it.
   */
  @Test
  void aNewClientWritingTwiceAtOnceOnTwoGatewayInstancesOpensOneSession() throws Exception {
    String agent = agentOnline("race-two-gw");
    TelegramChannel channel = TelegramChannel.create("Race two gateways", "EVENLY", agent);
    ServiceProcess second = Platform.startAnother("connector-gateway", "connector-gateway-2");
    try {
      CompletableFuture<HttpResponse<String>> one =
          webhook(Platform.gateway(), channel, channel.update(1, "first at once"));
      CompletableFuture<HttpResponse<String>> two =
          webhook(second.baseUrl(), channel, channel.update(2, "second at once"));
      assertThat(one.join().statusCode(), equalTo(200));
      assertThat(two.join().statusCode(), equalTo(200));

      String sessionId =
          await("the client's session reaches the agent")
              .atMost(TelegramChannel.PATIENCE)
              .until(() -> sessionsOf(agent, channel), ids -> ids.size() == 1)
              .get(0);
      await("both messages in that one session")
          .atMost(TelegramChannel.PATIENCE)
          .until(() -> textsOf(agent, sessionId), texts -> texts.size() == 2);
      assertThat(
          textsOf(agent, sessionId).stream().sorted().toList(),
          equalTo(List.of("first at once", "second at once")));
      await("still one session for the client")
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> sessionsOf(agent, channel), ids -> ids.size() == 1);
    } finally {
      second.stop();
    }
  }

  /**
   * Rocket.Chat #22206: an offer to everybody (Q4) accepted by everybody at once, 1,000 accepts in
   * all from 20 agents. One owner; every other accept is refused; nobody else is told it is theirs.
   */
  @Test
  void aThousandConcurrentAcceptsOfOneOfferToAllGiveOneOwner() {
    int agents = 20;
    int acceptsEach = 50;
    List<String> ids = new ArrayList<>();
    Map<String, List<JsonNode>> frames = new ConcurrentHashMap<>();
    String run = "race-all-" + ThreadLocalRandom.current().nextInt(1_000_000);
    for (int a = 0; a < agents; a++) {
      ids.add(run + "-" + a);
    }
    TelegramChannel.agents(ids.toArray(String[]::new));
    for (String id : ids) {
      List<JsonNode> received = new CopyOnWriteArrayList<>();
      frames.put(id, received);
      goOnline(id, received);
    }
    TelegramChannel channel =
        TelegramChannel.create("Race to all", "ALL", ids.toArray(String[]::new));
    channel.clientWrites(1, "Who takes me?");
    String sessionId =
        await("every agent is offered the session")
            .atMost(TelegramChannel.PATIENCE)
            .until(
                () ->
                    ids.stream()
                        .map(id -> offeredSession(frames.get(id)))
                        .collect(Collectors.toSet()),
                offered -> offered.size() == 1 && !offered.contains(null))
            .iterator()
            .next();

    Map<String, String> tokens = new ConcurrentHashMap<>();
    ids.forEach(id -> tokens.put(id, token(id)));
    List<CompletableFuture<HttpResponse<String>>> accepts = new ArrayList<>();
    for (int round = 0; round < acceptsEach; round++) {
      for (String id : ids) {
        accepts.add(
            http.sendAsync(
                HttpRequest.newBuilder(
                        URI.create(
                            Platform.gateway() + "/api/v1/sessions/" + sessionId + "/accept"))
                    .header("Authorization", "Bearer " + tokens.get(id))
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
    }
    Map<Integer, Long> statuses =
        accepts.stream()
            .map(CompletableFuture::join)
            .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    List<String> winners =
        accepts.stream()
            .map(CompletableFuture::join)
            .filter(r -> r.statusCode() == 200)
            .map(r -> r.request().headers().firstValue("Authorization").orElseThrow())
            .distinct()
            .toList();
    assertThat("the agents whose accepts answered 200: " + statuses, winners, hasSize(1));
    String owner =
        ids.stream()
            .filter(id -> winners.get(0).equals("Bearer " + tokens.get(id)))
            .findFirst()
            .orElseThrow();
    // The owner's other accepts are the same accept again (200, idempotent); everybody else's,
    // every one of them, is refused as taken.
    assertThat(
        "accepts refused as taken: " + statuses,
        statuses.getOrDefault(409, 0L),
        equalTo((long) (agents - 1) * acceptsEach));
    assertThat(
        "accepts answered 200 (all the owner's): " + statuses,
        statuses.getOrDefault(200, 0L),
        equalTo((long) acceptsEach));

    await("the owner is told it is theirs")
        .atMost(TelegramChannel.PATIENCE)
        .until(() -> countFrames(frames.get(owner), "ASSIGNED", sessionId), n -> n == 1);
    await("everybody else is told the offer is gone")
        .atMost(TelegramChannel.PATIENCE)
        .until(
            () ->
                ids.stream()
                    .filter(id -> !id.equals(owner))
                    .allMatch(
                        id -> countFrames(frames.get(id), "OFFER_WITHDRAWN", sessionId) >= 1));
    assertThat(
        "nobody else was told the session is theirs",
        ids.stream()
            .filter(id -> !id.equals(owner))
            .map(id -> countFrames(frames.get(id), "ASSIGNED", sessionId))
            .toList(),
        everyItem(equalTo(0L)));
    assertThat(sessionsOf(owner, channel), equalTo(List.of(sessionId)));
  }

  /**
   * Chatwoot #10376: with the only agent at their limit (Q7: one session), a new client waits; the
   * agent closes their session and the waiting one is theirs at once, not at the next periodic pass
   * (routing's safety net runs every 30 s).
   */
  @Test
  void aWaitingSessionIsOfferedAsSoonAsItsAgentFreesUp() {
    String agent = agentOnline("race-frees-up");
    TelegramChannel channel = TelegramChannel.create("Race frees up", "EVENLY", agent);
    channel.changeSettings("routing", Map.of("maxSessionsPerAgent", 1));
    channel.clientWrites(1, "I was first");
    String firstSession =
        await("the first client's session is the agent's")
            .atMost(TelegramChannel.PATIENCE)
            .until(() -> sessionsOf(agent, channel), ids -> ids.size() == 1)
            .get(0);

    TelegramChannel second = channel.anotherClient();
    second.clientWrites(1, "I wait");
    // The agent is at their limit: the second client's session waits, it is not theirs.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> sessionsOf(agent, channel), ids -> ids.size() == 1);

    TelegramChannel.as(token(agent))
        .post("/api/v1/sessions/" + firstSession + "/close")
        .then()
        .statusCode(200);
    long closedAt = System.nanoTime();
    String secondSession =
        await("the waiting session goes to the agent who freed up")
            .atMost(TelegramChannel.PATIENCE)
            .until(
                () ->
                    sessionsOf(agent, channel).stream()
                        .filter(id -> !id.equals(firstSession))
                        .toList(),
                ids -> ids.size() == 1)
            .get(0);
    long seconds = Duration.ofNanos(System.nanoTime() - closedAt).toSeconds();
    assertThat(
        "seconds from the close to the waiting session (the safety net would take up to 30)",
        seconds,
        lessThan(10L));
    assertThat(secondSession.equals(firstSession), equalTo(false));
  }

  /**
   * Rocket.Chat PR #19352: an agent's limit of simultaneous sessions did not hold when sessions of
   * several channels were routed at the same moment. Here two routing instances share the work (the
   * session events' partitions) and twelve clients write at once in each of two channels whose only
   * agent takes two sessions at most (Q7): the agent ends with two, not more.
   */
  @Test
  void aCapacityLimitHoldsWithTwoRoutingInstancesAndTwoChannels() throws Exception {
    String agent = agentOnline("race-capacity");
    TelegramChannel first = TelegramChannel.create("Race capacity one", "EVENLY", agent);
    TelegramChannel second = TelegramChannel.create("Race capacity two", "EVENLY", agent);
    first.changeSettings("routing", Map.of("maxSessionsPerAgent", 2));
    second.changeSettings("routing", Map.of("maxSessionsPerAgent", 2));
    ServiceProcess otherRouting = Platform.startAnother("routing-service", "routing-service-2");
    try {
      int clientsEach = 12;
      List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
      for (TelegramChannel channel : List.of(first, second)) {
        for (int c = 0; c < clientsEach; c++) {
          TelegramChannel client = channel.anotherClient();
          writes.add(webhook(Platform.gateway(), client, client.update(1, "client " + c)));
        }
      }
      writes.forEach(write -> assertThat(write.join().statusCode(), equalTo(200)));

      await("the agent reaches their limit")
          .atMost(TelegramChannel.PATIENCE)
          .until(() -> sessionsOf(agent, first).size() + sessionsOf(agent, second).size() >= 2);
      await("the agent stays at their limit while the other sessions wait")
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(8))
          .until(() -> sessionsOf(agent, first).size() + sessionsOf(agent, second).size() == 2);
    } finally {
      otherRouting.stop();
    }
  }

  private String agentOnline(String prefix) {
    String id = prefix + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
    TelegramChannel.agents(id);
    goOnline(id, new CopyOnWriteArrayList<>());
    return id;
  }

  private void goOnline(String agentId, List<JsonNode> frames) {
    sockets.add(TelegramChannel.online(token(agentId), frames));
  }

  private CompletableFuture<HttpResponse<String>> webhook(
      String gateway, TelegramChannel channel, String update) {
    return http.sendAsync(
        HttpRequest.newBuilder(URI.create(gateway + "/webhooks/telegram/" + channel.connectorId))
            .header("Content-Type", "application/json")
            .header("X-Telegram-Bot-Api-Secret-Token", channel.webhookSecret)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(update))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String offeredSession(List<JsonNode> frames) {
    return frames.stream()
        .filter(f -> "OFFERED".equals(f.path("type").asText()))
        .map(f -> f.path("sessionId").asText())
        .findFirst()
        .orElse(null);
  }

  private static long countFrames(List<JsonNode> frames, String type, String sessionId) {
    return frames.stream()
        .filter(f -> type.equals(f.path("type").asText()))
        .filter(f -> sessionId.equals(f.path("sessionId").asText()))
        .count();
  }

  /** The ids of the agent's sessions of this channel (any state). */
  private static List<String> sessionsOf(String agentId, TelegramChannel channel) {
    return channel.sessionIdsIn(token(agentId));
  }

  /** The texts of the session's messages, as the agent reads them. */
  private static List<String> textsOf(String agentId, String sessionId) {
    return TelegramChannel.as(token(agentId))
        .get("/api/v1/sessions/" + sessionId + "/messages")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.findAll { it.authorType == 'CLIENT' }.text");
  }

  private static String token(String agentId) {
    return TestTokens.token(agentId, "agent");
  }
}
