package dev.switchboard.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Topics;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12: Redis, routing's system of record for live state, loses its data (a failover to an
 * empty replica, a flush). Routing rebuilds the waiting lines and the agents' load from
 * session-service's open sessions; the gateway announces the presence of the agents it holds
 * sockets for again. Before, the waiting sessions were never offered again, even to an agent who
 * came online, and an agent's sessions no longer counted toward their limit.
 */
@ExtendWith(Platform.class)
class RoutingStateLossIT {

  private static final Duration PATIENCE = TelegramChannel.PATIENCE;

  private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeSockets() {
    sockets.forEach(WebSocket::abort);
  }

  @Test
  void afterRedisLostItsDataAWaitingSessionGoesToAnAgentComingOnlineAndLimitsStillHold()
      throws Exception {
    String alice = agent("loss-alice");
    String bob = agent("loss-bob");
    TelegramChannel.agents(alice, bob);
    sockets.add(TelegramChannel.online(token(alice), new CopyOnWriteArrayList<JsonNode>()));
    TelegramChannel channel = TelegramChannel.create("Redis loss", "EVENLY", alice, bob);
    channel.changeSettings("routing", Map.of("maxSessionsPerAgent", 1));

    channel.clientWrites(1, "I am first");
    String first =
        await("the first session is alice's")
            .atMost(PATIENCE)
            .until(() -> channel.sessionIdsIn(token(alice)), ids -> ids.size() == 1)
            .get(0);
    channel.anotherClient().clientWrites(1, "I wait");
    // Alice is at her limit and bob is offline: the second session waits.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(PATIENCE)
        .until(() -> channel.sessionIdsIn(token(alice)), ids -> ids.equals(List.of(first)));

    try (TopicProbe presence = TopicProbe.open(Topics.PRESENCE)) {
      RedisKeys.flushDatabase();
      // The gateway finds its lease gone with the data and announces alice's open socket again.
      presence.await(
          record -> alice.equals(record.key()) && record.value().contains("\"ONLINE\""),
          Duration.ofSeconds(60));
    }

    TelegramChannel.as(token(bob))
        .body("{\"status\":\"ONLINE\"}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(200);
    String second =
        await("the session that waited through the loss goes to bob, who came online")
            .atMost(PATIENCE)
            .until(() -> channel.sessionIdsIn(token(bob)), ids -> ids.size() == 1)
            .get(0);

    channel.anotherClient().clientWrites(1, "I wait too");
    // Alice's first session still counts toward her limit of one, as bob's does toward his.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(PATIENCE)
        .until(
            () -> List.of(channel.sessionIdsIn(token(alice)), channel.sessionIdsIn(token(bob))),
            held -> held.equals(List.of(List.of(first), List.of(second))));

    TelegramChannel.as(token(alice))
        .post("/api/v1/sessions/" + first + "/close")
        .then()
        .statusCode(200);
    List<String> third =
        await("the third session goes to alice once she freed up")
            .atMost(PATIENCE)
            .until(
                () -> channel.sessionIdsIn(token(alice)),
                ids -> ids.size() == 1 && !ids.contains(first));
    assertThat(third.contains(second), equalTo(false));
  }

  private static String agent(String prefix) {
    return prefix + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
  }

  private static String token(String agentId) {
    return TestTokens.token(agentId, "agent");
  }
}
