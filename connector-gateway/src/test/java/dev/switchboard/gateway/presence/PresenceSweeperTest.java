package dev.switchboard.gateway.presence;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.switchboard.gateway.presence.messaging.PresenceSweeper;
import dev.switchboard.gateway.presence.messaging.SocketPresence;
import dev.switchboard.gateway.presence.store.PresenceStore;
import dev.switchboard.gateway.support.AgentSockets;
import dev.switchboard.gateway.support.AgentSockets.Frames;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.PresenceChanges;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Presence when a gateway instance dies without closing its sockets: the dead instance is played by
 * sockets registered in Redis, through the app's own {@link PresenceStore}, under an instance id
 * whose lease ended or never existed; this app's sweeper (every second in tests) and the grace
 * period (1 s) do the rest.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class PresenceSweeperTest {

  /** Longer than a sweep (1 s) plus the grace period (1 s), with room for a busy machine. */
  private static final Duration SETTLE = Duration.ofSeconds(4);

  @TestHTTPResource("/api/v1/agent/events")
  URI events;

  @Inject PresenceStore store;
  @Inject SocketPresence presence;
  @Inject PresenceSweeper sweeper;

  @Test
  void anAgentWhoseSocketsWereOnADeadInstanceGoesOfflineOnceEvenWithTwoSweepsAtOnce() {
    String ann = "agent-" + UUID.randomUUID();
    String dead = "instance-" + UUID.randomUUID();
    Instant now = Instant.now();
    try (PresenceChanges changes = PresenceChanges.open()) {
      // The dead instance held a lease once; it ended a minute ago.
      store.holdLease(dead, now.minusSeconds(120), now.minusSeconds(60)).await().indefinitely();
      store.opened(ann, dead + ":c1", now).await().indefinitely();
      store.opened(ann, dead + ":c2", now).await().indefinitely();

      // Two sweeps at the same moment, besides the scheduled ones: Ann's presence changes once.
      Uni.join().all(sweeper.sweep(), sweeper.sweep()).andFailFast().await().indefinitely();

      changes.await(ann, 2);
      assertThat(
          changes.settleAt(ann, 2, SETTLE), contains("WEBSOCKET_DISCONNECTED", "GRACE_EXPIRED"));
      assertThat(changes.statuses(ann), contains("ONLINE", "OFFLINE"));
      assertThat(store.openSockets(ann).await().indefinitely(), equalTo(0L));
    }
  }

  @Test
  void anAgentWithASocketOnALiveInstanceStaysOnlineWhenAnotherInstanceDies() throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    String dead = "instance-" + UUID.randomUUID();
    try (PresenceChanges changes = PresenceChanges.open();
        Frames tab = new AgentSockets(events).connectWithHeader(ann)) {
      changes.await(ann, 1);
      // A second device of Ann's was on an instance that never held a lease (it died at once).
      store.opened(ann, dead + ":c1", Instant.now()).await().indefinitely();

      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> store.openSockets(ann).await().indefinitely() == 1);
      assertThat(changes.settleAt(ann, 1, SETTLE), contains("WEBSOCKET_CONNECTED"));
      assertThat(changes.statuses(ann), contains("ONLINE"));
    }
  }

  @Test
  void aGracePeriodThatWasRunningOnADeadInstanceStillEndsInOffline() {
    String ann = "agent-" + UUID.randomUUID();
    String dead = "instance-" + UUID.randomUUID();
    try (PresenceChanges changes = PresenceChanges.open()) {
      // The dead instance closed Ann's last socket, which started her grace period, and died
      // before it could publish anything or end the grace period.
      Instant now = Instant.now();
      store.opened(ann, dead + ":c1", now).await().indefinitely();
      store.closed(ann, dead + ":c1", UUID.randomUUID().toString(), now).await().indefinitely();

      changes.await(ann, 1);
      assertThat(changes.settleAt(ann, 1, SETTLE), contains("GRACE_EXPIRED"));
      assertThat(changes.statuses(ann), contains("OFFLINE"));
    }
  }

  @Test
  void aLiveInstanceWhoseLeaseLapsedRegistersItsSocketsAgainAndKeepsTheAgentOnline()
      throws Exception {
    String ann = "agent-" + UUID.randomUUID();
    try (PresenceChanges changes = PresenceChanges.open();
        Frames tab = new AgentSockets(events).connectWithHeader(ann)) {
      changes.await(ann, 1);
      // This instance paused past its lease, and another instance swept its sockets meanwhile.
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                Instant now = Instant.now();
                store
                    .holdLease(presence.instanceId(), now, now.minusSeconds(1))
                    .await()
                    .indefinitely();
                return store
                    .sweepDeadInstances("sweeper-a", UUID.randomUUID().toString(), now)
                    .await()
                    .indefinitely()
                    .stream()
                    .anyMatch(a -> a.agentId().equals(ann));
              });

      // Its next renewal, before Ann's grace period (1 s) ends.
      sweeper.renewLease().await().indefinitely();

      assertThat(store.openSockets(ann).await().indefinitely(), equalTo(1L));
      changes.settleAt(ann, 2, SETTLE);
      assertThat(changes.statuses(ann), not(hasItem("OFFLINE")));
      assertThat(changes.reasons(ann), contains("WEBSOCKET_CONNECTED", "WEBSOCKET_CONNECTED"));
    }
  }
}
