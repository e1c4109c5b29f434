package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFlows.is;
import static dev.switchboard.routing.RoutingFlows.newAgent;
import static dev.switchboard.routing.RoutingFlows.newId;
import static dev.switchboard.routing.RoutingFlows.offerOf;
import static dev.switchboard.routing.RoutingFlows.read;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.Topics;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * O2: an inactive channel's sessions are neither assigned nor offered; they wait in its line, and
 * re-activating the channel (a newer {@code ChannelConfigChanged}) serves them.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class InactiveChannelTest {

  private static RoutingEventsPublisher publish;

  @Inject ConsumerProgress progress;
  @Inject ConfigCopy config;

  @BeforeAll
  static void openProducer() {
    publish = new RoutingEventsPublisher();
  }

  @AfterAll
  static void closeProducer() {
    publish.close();
  }

  @BeforeEach
  void consumersAreListening() {
    RoutingFlows.awaitConsumersAssigned(progress);
  }

  @Test
  void anInactiveEvenlyChannelsSessionWaitsAndGoesToTheAgentWhenTheChannelIsActiveAgain() {
    String channel = newId();
    String agent = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.presence(agent, PresenceStatus.ONLINE);
      publish.channelActive(channel, 1, false, "EVENLY", agent);
      awaitVersion(channel, 1);

      publish.queued(channel, session);
      awaitWaiting(channel, session);
      assertNothingFor(routing, channel, session, AgentAssigned.class);

      publish.channelActive(channel, 2, true, "EVENLY", agent);

      AgentAssigned assigned =
          read(routing.await(r -> is(r, AgentAssigned.class, session)), AgentAssigned.class);
      assertThat(assigned.agentId(), equalTo(agent));
      await().atMost(Duration.ofSeconds(30)).until(() -> waitingIn(channel).isEmpty());
    }
  }

  @Test
  void anInactiveStrictOrderChannelsSessionIsOfferedOnlyWhenTheChannelIsActiveAgain() {
    String channel = newId();
    String agent = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.presence(agent, PresenceStatus.ONLINE);
      publish.channelActive(channel, 1, false, "STRICT_ORDER", agent);
      awaitVersion(channel, 1);

      publish.queued(channel, session);
      awaitWaiting(channel, session);
      assertNothingFor(routing, channel, session, OfferMade.class);

      publish.channelActive(channel, 2, true, "STRICT_ORDER", agent);

      assertThat(offerOf(routing, session).agentIds(), contains(agent));
    }
  }

  private void awaitVersion(String channel, long version) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> config.channel(channel).map(q -> q.version() >= version).orElse(false));
  }

  private static void awaitWaiting(String channel, String session) {
    await().atMost(Duration.ofSeconds(30)).until(() -> waitingIn(channel).contains(session));
  }

  /** For a while after the session was queued, routing decides nothing of this kind about it. */
  private static void assertNothingFor(
      TopicProbe routing, String channel, String session, Class<? extends RoutingEvent> type) {
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                    routing.records().stream().filter(r -> is(r, type, session)).toList(),
                    empty()));
    assertThat(waitingIn(channel), contains(session));
  }

  private static List<String> waitingIn(String channel) {
    return given()
        .header("Authorization", "Bearer " + TestTokens.token("supervisor1", "supervisor"))
        .when()
        .get("/api/v1/channels/{id}/waiting", channel)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("sessionIds", String.class);
  }
}
