package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFlows.is;
import static dev.switchboard.routing.RoutingFlows.newAgent;
import static dev.switchboard.routing.RoutingFlows.newId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.Topics;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.routing.distribution.store.RoutingKeys;
import dev.switchboard.routing.distribution.store.RoutingStateMarker;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.routing.recovery.StateRecovery;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: routing finds its Redis state gone (its marker key) and decides nothing on a half-built
 * state: while the state is missing, and session-service cannot be read to rebuild it, a queued
 * session waits and readiness is DOWN; once the state is whole again (here: another instance
 * rebuilt it and wrote the marker) the session is routed. The rebuild from session-service's
 * sessions is {@code RoutingStateLossIT} (e2e, with the real session-service).
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@TestProfile(StateRecoveryTest.SessionServiceAway.class)
class StateRecoveryTest {

  /** Rebuilding on, from a session-service that does not answer (nothing listens on port 9). */
  public static class SessionServiceAway implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "switchboard.routing.recovery.enabled", "true",
          "switchboard.routing.recovery.session-service-url", "http://127.0.0.1:9",
          "switchboard.routing.recovery.check-every", "200ms");
    }
  }

  private static RoutingEventsPublisher publish;

  @Inject RedisDataSource redis;
  @Inject RoutingKeys keys;
  @Inject RoutingStateMarker marker;
  @Inject StateRecovery recovery;
  @Inject ConsumerProgress progress;

  @BeforeAll
  static void openProducer() {
    publish = new RoutingEventsPublisher();
  }

  @AfterAll
  static void closeProducer() {
    publish.close();
  }

  @Test
  void nothingIsRoutedWhileTheStateIsMissingAndTheWaitingSessionIsOnceItIsWhole() {
    RoutingFlows.awaitConsumersAssigned(progress);
    marker.mark(Instant.now());
    await().atMost(Duration.ofSeconds(10)).until(recovery::intact);
    given().get("/q/health/ready").then().statusCode(200);

    redis.key().del(keys.stateMarker());
    await("the loss found").atMost(Duration.ofSeconds(10)).until(() -> !recovery.intact());
    given().get("/q/health/ready").then().statusCode(503);

    String channel = newId();
    String agent = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channel(channel, agent);
      publish.presence(agent, PresenceStatus.ONLINE);
      publish.queued(channel, session);
      await("no decision on a state being rebuilt")
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> routing.records().stream().noneMatch(r -> is(r, AgentAssigned.class, session)));

      marker.mark(Instant.now());
      routing.await(r -> is(r, AgentAssigned.class, session));
      given().get("/q/health/ready").then().statusCode(200);
    }
  }
}
