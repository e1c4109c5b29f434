package dev.switchboard.gateway.presence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Topics;
import dev.switchboard.gateway.presence.store.PresenceStore;
import dev.switchboard.gateway.support.AgentSockets;
import dev.switchboard.gateway.support.AgentSockets.Frames;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TestEvents;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Presence from the agent's WebSockets; the grace period is 1 s in tests. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class SocketPresenceTest {

  /** Longer than the test grace period (1 s), with room for a busy machine. */
  private static final Duration PAST_GRACE = Duration.ofSeconds(3);

  @TestHTTPResource("/api/v1/agent/events")
  URI events;

  @Inject PresenceStore store;

  @Test
  void theFirstSocketIsOnlineTheLastCloseStartsTheGraceThenOffline() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    AgentSockets sockets = new AgentSockets(events);
    try (TopicProbe presence = TopicProbe.open(Topics.PRESENCE)) {
      Frames tab1 = sockets.connectWithHeader(ann);
      awaitChanges(presence, ann, 1);
      Frames tab2 = sockets.connectWithQueryToken(ann, "");
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> store.openSockets(ann, Instant.now()).await().indefinitely() == 2);
      tab1.closeAndWait();
      tab2.closeAndWait();

      List<JsonNode> changes = awaitChanges(presence, ann, 3);
      assertThat(
          changes.stream().map(c -> c.path("reason").asText()).toList(),
          contains("WEBSOCKET_CONNECTED", "WEBSOCKET_DISCONNECTED", "GRACE_EXPIRED"));
      assertThat(
          changes.stream().map(c -> c.path("status").asText()).toList(),
          contains("ONLINE", "ONLINE", "OFFLINE"));
      // Opening the app is not clocking in.
      assertThat(changes.get(0).path("clockedIn").asBoolean(), equalTo(false));
      assertThat(changes.get(0).path("agentId").asText(), equalTo(ann));
      // Nothing more: the second tab's opening and the first tab's close changed nothing.
      assertThat(changesOf(presence, ann).size(), equalTo(3));
    }
  }

  @Test
  void aReconnectWithinTheGracePeriodKeepsTheAgentOnline() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    AgentSockets sockets = new AgentSockets(events);
    try (TopicProbe presence = TopicProbe.open(Topics.PRESENCE)) {
      sockets.connectWithHeader(ann).closeAndWait();
      awaitChanges(presence, ann, 2);
      try (Frames again = sockets.connectWithHeader(ann)) {
        awaitChanges(presence, ann, 3);
        Awaitility.await()
            .during(PAST_GRACE)
            .atMost(PAST_GRACE.plusSeconds(2))
            .until(() -> reasons(presence, ann).size() == 3);
        assertThat(
            reasons(presence, ann),
            contains("WEBSOCKET_CONNECTED", "WEBSOCKET_DISCONNECTED", "WEBSOCKET_CONNECTED"));
      }
    }
  }

  @Test
  void anAgentWhoSetAwayConnectsAwayAndTheirClockIsKept() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    try (TopicProbe presence = TopicProbe.open(Topics.PRESENCE)) {
      setStatus(ann, "{\"status\":\"AWAY\",\"clockedIn\":true}");
      try (Frames tab = new AgentSockets(events).connectWithHeader(ann)) {
        List<JsonNode> changes = awaitChanges(presence, ann, 2);
        assertThat(changes.get(1).path("reason").asText(), equalTo("WEBSOCKET_CONNECTED"));
        assertThat(changes.get(1).path("status").asText(), equalTo("AWAY"));
        assertThat(changes.get(1).path("clockedIn").asBoolean(), equalTo(true));
      }
    }
  }

  @Test
  void anAgentWhoSetOfflineIsNotMadeAvailableByTheirSockets() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    try (TopicProbe presence = TopicProbe.open(Topics.PRESENCE)) {
      setStatus(ann, "{\"status\":\"OFFLINE\"}");
      new AgentSockets(events).connectWithHeader(ann).closeAndWait();
      Awaitility.await()
          .during(PAST_GRACE)
          .atMost(PAST_GRACE.plusSeconds(2))
          .until(() -> reasons(presence, ann).size() == 1);
      assertThat(reasons(presence, ann), contains("EXPLICIT"));
    }
  }

  @Test
  void anExplicitStatusDuringTheGracePeriodIsNotOverriddenByOffline() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    try (TopicProbe presence = TopicProbe.open(Topics.PRESENCE)) {
      new AgentSockets(events).connectWithHeader(ann).closeAndWait();
      awaitChanges(presence, ann, 2);
      setStatus(ann, "{\"status\":\"ONLINE\"}");
      Awaitility.await()
          .during(PAST_GRACE)
          .atMost(PAST_GRACE.plusSeconds(2))
          .until(() -> reasons(presence, ann).size() == 3);
      assertThat(
          reasons(presence, ann),
          contains("WEBSOCKET_CONNECTED", "WEBSOCKET_DISCONNECTED", "EXPLICIT"));
    }
  }

  @Test
  void aSocketOnAnotherInstanceCountsTheSocketsHereAreNotTheFirstNorTheLast() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    try (TopicProbe presence = TopicProbe.open(Topics.PRESENCE)) {
      // Another gateway instance holds a socket of Ann's (its lease in Redis).
      store.opened(ann, "other-instance:c1", Instant.now()).await().indefinitely();

      new AgentSockets(events).connectWithHeader(ann).closeAndWait();
      Awaitility.await()
          .during(PAST_GRACE)
          .atMost(PAST_GRACE.plusSeconds(2))
          .until(() -> reasons(presence, ann).isEmpty());

      store.closed(ann, "other-instance:c1", "t", Instant.now()).await().indefinitely();
    }
  }

  private static void setStatus(String agentId, String body) {
    given()
        .header("Authorization", "Bearer " + TestTokens.token(agentId, "agent"))
        .contentType("application/json")
        .body(body)
        .put("/api/v1/agent/status")
        .then()
        .statusCode(200);
  }

  private static List<JsonNode> awaitChanges(TopicProbe presence, String agentId, int count) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> changesOf(presence, agentId), changes -> changes.size() >= count);
  }

  private static List<String> reasons(TopicProbe presence, String agentId) {
    return changesOf(presence, agentId).stream().map(c -> c.path("reason").asText()).toList();
  }

  private static List<JsonNode> changesOf(TopicProbe presence, String agentId) {
    return presence.records().stream()
        .filter(r -> agentId.equals(r.key()))
        .map(r -> TestEvents.json(r.value()))
        .toList();
  }
}
