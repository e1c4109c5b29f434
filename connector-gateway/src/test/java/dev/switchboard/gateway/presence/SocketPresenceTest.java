package dev.switchboard.gateway.presence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.presence.store.PresenceStore;
import dev.switchboard.gateway.support.AgentSockets;
import dev.switchboard.gateway.support.AgentSockets.Frames;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.PresenceChanges;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
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
    try (PresenceChanges presence = PresenceChanges.open()) {
      Frames tab1 = sockets.connectWithHeader(ann);
      presence.await(ann, 1);
      Frames tab2 = sockets.connectWithQueryToken(ann, "");
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> store.openSockets(ann).await().indefinitely() == 2);
      tab1.closeAndWait();
      tab2.closeAndWait();

      List<JsonNode> changes = presence.await(ann, 3);
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
      assertThat(presence.of(ann).size(), equalTo(3));
    }
  }

  @Test
  void aReconnectWithinTheGracePeriodKeepsTheAgentOnline() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    AgentSockets sockets = new AgentSockets(events);
    try (PresenceChanges presence = PresenceChanges.open()) {
      sockets.connectWithHeader(ann).closeAndWait();
      presence.await(ann, 2);
      try (Frames again = sockets.connectWithHeader(ann)) {
        presence.await(ann, 3);
        presence.settleAt(ann, 3, PAST_GRACE);
        assertThat(
            presence.reasons(ann),
            contains("WEBSOCKET_CONNECTED", "WEBSOCKET_DISCONNECTED", "WEBSOCKET_CONNECTED"));
      }
    }
  }

  @Test
  void anAgentWhoSetAwayConnectsAwayAndTheirClockIsKept() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    try (PresenceChanges presence = PresenceChanges.open()) {
      setStatus(ann, "{\"status\":\"AWAY\",\"clockedIn\":true}");
      try (Frames tab = new AgentSockets(events).connectWithHeader(ann)) {
        List<JsonNode> changes = presence.await(ann, 2);
        assertThat(changes.get(1).path("reason").asText(), equalTo("WEBSOCKET_CONNECTED"));
        assertThat(changes.get(1).path("status").asText(), equalTo("AWAY"));
        assertThat(changes.get(1).path("clockedIn").asBoolean(), equalTo(true));
      }
    }
  }

  @Test
  void anAgentWhoSetOfflineIsNotMadeAvailableByTheirSockets() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    try (PresenceChanges presence = PresenceChanges.open()) {
      setStatus(ann, "{\"status\":\"OFFLINE\"}");
      new AgentSockets(events).connectWithHeader(ann).closeAndWait();
      presence.settleAt(ann, 1, PAST_GRACE);
      assertThat(presence.reasons(ann), contains("EXPLICIT"));
    }
  }

  @Test
  void anExplicitStatusDuringTheGracePeriodIsNotOverriddenByOffline() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    try (PresenceChanges presence = PresenceChanges.open()) {
      new AgentSockets(events).connectWithHeader(ann).closeAndWait();
      presence.await(ann, 2);
      setStatus(ann, "{\"status\":\"ONLINE\"}");
      presence.settleAt(ann, 3, PAST_GRACE);
      assertThat(
          presence.reasons(ann),
          contains("WEBSOCKET_CONNECTED", "WEBSOCKET_DISCONNECTED", "EXPLICIT"));
    }
  }

  @Test
  void aSocketOnAnotherInstanceCountsTheSocketsHereAreNotTheFirstNorTheLast() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    try (PresenceChanges presence = PresenceChanges.open()) {
      // Another gateway instance, alive (its lease in Redis), holds a socket of Ann's.
      String other = "instance-" + UUID.randomUUID();
      Instant now = Instant.now();
      store.holdLease(other, now, now.plusSeconds(60)).await().indefinitely();
      store.opened(ann, other + ":c1", now).await().indefinitely();

      new AgentSockets(events).connectWithHeader(ann).closeAndWait();
      presence.settleAt(ann, 0, PAST_GRACE);

      assertThat(store.openSockets(ann).await().indefinitely(), equalTo(1L));
      store.closed(ann, other + ":c1", "t", Instant.now()).await().indefinitely();
    }
  }

  @Test
  void onlyAnAgentsSocketIsPresenceOtherRolesAreRefusedWith403AndStayOffline() throws Exception {
    AgentSockets sockets = new AgentSockets(events);
    String watcher = "supervisor-" + UUID.randomUUID();
    String admin = "admin-" + UUID.randomUUID();
    String bot = "bot-" + UUID.randomUUID();
    String teamLead = "lead-" + UUID.randomUUID();
    try (PresenceChanges presence = PresenceChanges.open()) {
      assertThat(
          sockets.refusedUpgrade("?access_token=" + TestTokens.token(watcher, "supervisor")),
          equalTo(403));
      assertThat(
          sockets.refusedUpgrade("?access_token=" + TestTokens.token(admin, "admin")),
          equalTo(403));
      assertThat(
          sockets.refusedUpgrade("?access_token=" + TestTokens.token(bot, "bot")), equalTo(403));
      // A supervisor who also works sessions holds the agent role: their socket is presence.
      try (Frames lead =
          sockets.connectWithToken(TestTokens.token(teamLead, "supervisor", "agent"))) {
        assertThat(presence.await(teamLead, 1).get(0).path("status").asText(), equalTo("ONLINE"));
      }
      for (String refused : List.of(watcher, admin, bot)) {
        assertThat(presence.of(refused), empty());
        assertThat(store.openSockets(refused).await().indefinitely(), equalTo(0L));
      }
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
}
