package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFlows.is;
import static dev.switchboard.routing.RoutingFlows.newAgent;
import static dev.switchboard.routing.RoutingFlows.newId;
import static dev.switchboard.routing.RoutingFlows.read;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.events.DeadLetterHeaders;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing against the real Kafka and Redis: configuration, presence and session events go in as the
 * other services publish them, decisions are read back from {@code oc.routing.events.v1}. Every
 * test uses fresh ids: the topics are shared.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class RoutingFlowTest {

  private static RoutingEventsPublisher publish;

  @Inject ConsumerProgress progress;

  @BeforeAll
  static void openProducer() {
    publish = new RoutingEventsPublisher();
  }

  @AfterAll
  static void closeProducer() {
    publish.close();
  }

  /** The consumers start at the end of the shared topics: wait until they have their partitions. */
  @BeforeEach
  void consumersAreListening() {
    RoutingFlows.awaitConsumersAssigned(progress);
  }

  @Test
  void aQueuedSessionGoesToTheOnlineAgentOfTheQueue() {
    String channel = newId();
    String agent = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channel(channel, agent);
      publish.presence(agent, PresenceStatus.ONLINE);
      publish.queued(channel, session);

      ConsumerRecord<String, String> record =
          routing.await(r -> is(r, AgentAssigned.class, session));
      AgentAssigned assigned = read(record, AgentAssigned.class);

      assertThat(assigned.agentId(), equalTo(agent));
      assertThat(assigned.channelId(), equalTo(channel));
      assertThat(assigned.reason(), equalTo(AssignmentReason.DISTRIBUTION));
      assertThat(record.key(), equalTo(channel));
      assertThat(TopicProbe.header(record, "ce_source"), equalTo("/switchboard/routing-service"));
      assertThat(TopicProbe.header(record, "ce_id"), equalTo(assigned.id()));
      assertThat(TopicProbe.header(record, "ce_specversion"), equalTo("1.0"));
    }
  }

  @Test
  void evenlySpreadsTwoSessionsOverTwoAgents() {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channel(channel, first, second);
      publish.presence(first, PresenceStatus.ONLINE);
      publish.presence(second, PresenceStatus.ONLINE);
      String s1 = newId();
      String s2 = newId();
      publish.queued(channel, s1);
      publish.queued(channel, s2);

      assertThat(agentOf(routing, s1), equalTo(first));
      assertThat(agentOf(routing, s2), equalTo(second));
    }
  }

  /**
   * Issue 12: agent "bob:sessions" once had the Redis key of bob's open sessions, so every step
   * touching bob failed (WRONGTYPE) and the channel stopped routing. Ids reach routing over Kafka
   * from other services, so routing holds any id apart, whatever the APIs let in.
   */
  @Test
  void anAgentWhoseIdEndsLikeAnotherAgentsKeyIsRoutedBesideThatAgent() {
    String channel = newId();
    String bob = newAgent();
    String lookalike = bob + ":sessions";
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channel(channel, bob, lookalike);
      publish.presence(bob, PresenceStatus.ONLINE);
      publish.presence(lookalike, PresenceStatus.ONLINE);
      String s1 = newId();
      String s2 = newId();
      publish.queued(channel, s1);
      publish.queued(channel, s2);

      assertThat(agentOf(routing, s1), equalTo(bob));
      assertThat(agentOf(routing, s2), equalTo(lookalike));

      // Both loads are kept apart: closing bob's session makes bob the least loaded again.
      publish.closed(channel, s1, bob);
      String s3 = newId();
      publish.queued(channel, s3);
      assertThat(agentOf(routing, s3), equalTo(bob));
      assertThat(waitingIn(channel), empty());
    }
  }

  @Test
  void withNobodyOnlineTheSessionWaitsUntilAnAgentComesOnline() {
    String channel = newId();
    String agent = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channel(channel, agent);
      publish.queued(channel, session);

      NoAgentAvailable noAgent =
          read(routing.await(r -> is(r, NoAgentAvailable.class, session)), NoAgentAvailable.class);
      assertThat(noAgent.reason(), equalTo(NoAgentReason.NONE_AVAILABLE));
      assertThat(waitingIn(channel), contains(session));

      publish.presence(agent, PresenceStatus.ONLINE);

      assertThat(agentOf(routing, session), equalTo(agent));
      assertThat(waitingIn(channel), empty());
      assertThat(
          routing.records().stream().filter(r -> is(r, NoAgentAvailable.class, session)).toList(),
          hasSize(1));
    }
  }

  @Test
  void closingASessionLowersTheLoadSoTheNextSessionGoesToThatAgent() {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channel(channel, first, second);
      publish.presence(first, PresenceStatus.ONLINE);
      publish.presence(second, PresenceStatus.ONLINE);
      String s1 = queuedAndAssigned(routing, channel, first);
      queuedAndAssigned(routing, channel, second);
      queuedAndAssigned(routing, channel, first);

      // first has two sessions, second one; without the close the next would go to second.
      publish.closed(channel, s1, first);
      String s4 = newId();
      publish.queued(channel, s4);

      assertThat(agentOf(routing, s4), equalTo(first));
    }
  }

  @Test
  void aSessionQueuedForItsPreviousAgentGoesToThemIfTheyHaveRoom() {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channel(channel, first, second);
      publish.presence(first, PresenceStatus.ONLINE);
      publish.presence(second, PresenceStatus.ONLINE);
      // Both idle: evenly would pick the first of the queue.
      String session = newId();
      publish.queuedFor(channel, session, second);

      assertThat(agentOf(routing, session), equalTo(second));
    }
  }

  @Test
  void q7cAClosedSessionAwaitingARatingKeepsTheAgentsPlaceUntilTheRatingComes() {
    String channel = newId();
    String agent = newAgent();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "EVENLY", 1, false, List.of(), true, agent);
      publish.presence(agent, PresenceStatus.ONLINE);
      String first = queuedAndAssigned(routing, channel, agent);

      publish.closedAwaitingRating(channel, first, agent, Instant.now().plusSeconds(600));
      String second = newId();
      publish.queued(channel, second);
      NoAgentAvailable noAgent =
          read(routing.await(r -> is(r, NoAgentAvailable.class, second)), NoAgentAvailable.class);
      assertThat(noAgent.reason(), equalTo(NoAgentReason.ALL_AT_CAPACITY));

      publish.rated(channel, first, agent);
      assertThat(agentOf(routing, second), equalTo(agent));
    }
  }

  @Test
  void aSessionQueuedAgainIsNotAssignedAgain() {
    String channel = newId();
    String first = newAgent();
    String second = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channel(channel, first, second);
      publish.presence(first, PresenceStatus.ONLINE);
      publish.presence(second, PresenceStatus.ONLINE);
      SessionQueued queued = publish.queued(channel, session);
      publish.publish(queued);
      publish.queued(channel, session);
      // Same channel, same partition: once this one is decided, the repeats above were handled.
      String marker = newId();
      publish.queued(channel, marker);

      assertThat(agentOf(routing, marker), equalTo(second));
      assertThat(
          routing.records().stream().filter(r -> is(r, AgentAssigned.class, session)).toList(),
          hasSize(1));
    }
  }

  @Test
  void aDismissedAgentOfTheDirectoryIsNotGivenSessions() {
    String channel = newId();
    String dismissed = newAgent();
    String other = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.dismissed(dismissed);
      publish.channel(channel, dismissed, other);
      publish.presence(dismissed, PresenceStatus.ONLINE);
      publish.presence(other, PresenceStatus.ONLINE);
      publish.queued(channel, session);

      assertThat(agentOf(routing, session), equalTo(other));
    }
  }

  @Test
  void supervisorsAndAdminsSeeTheWaitingLineInArrivalOrder() {
    String channel = newId();
    String s1 = newId();
    String s2 = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channel(channel, newAgent());
      publish.queued(channel, s1);
      publish.queued(channel, s2);
      routing.await(r -> is(r, NoAgentAvailable.class, s2));
    }

    given()
        .header("Authorization", "Bearer " + TestTokens.token("supervisor1", "supervisor"))
        .when()
        .get("/api/v1/channels/{id}/waiting", channel)
        .then()
        .statusCode(200)
        .body("channelId", equalTo(channel))
        .body("waiting", equalTo(2))
        .body("sessionIds", contains(s1, s2));
    given()
        .header("Authorization", "Bearer " + TestTokens.token("admin1", "admin"))
        .when()
        .get("/api/v1/channels/{id}/waiting", channel)
        .then()
        .statusCode(200);
  }

  @Test
  void theWaitingLineIsRefusedToAgentsAndStrangersAndUnknownForAChannelNeverSeen() {
    given().when().get("/api/v1/channels/{id}/waiting", newId()).then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + TestTokens.token("agent1", "agent"))
        .when()
        .get("/api/v1/channels/{id}/waiting", newId())
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer " + TestTokens.token("supervisor1", "supervisor"))
        .when()
        .get("/api/v1/channels/{id}/waiting", newId())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void anUnreadableSessionEventGoesToTheDeadLetterTopicWithItsReason() {
    String key = newId();
    String id = newId();
    try (TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.SESSION_EVENTS))) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(
              Topics.SESSION_EVENTS,
              key,
              "{\"id\": \"".concat(id).getBytes(StandardCharsets.UTF_8));
      record.headers().add("ce_specversion", bytes("1.0"));
      record.headers().add("ce_id", bytes(id));
      record.headers().add("ce_type", bytes(EventRegistry.ceTypeOf(SessionQueued.class)));
      record.headers().add("ce_source", bytes("/routing-service-test"));
      publish.send(record);

      ConsumerRecord<String, String> dead = deadLetters.await(r -> key.equals(r.key()));
      assertThat(TopicProbe.header(dead, DeadLetterHeaders.REASON), notNullValue());
      assertThat(TopicProbe.header(dead, DeadLetterHeaders.TOPIC), equalTo(Topics.SESSION_EVENTS));
    }
  }

  /** Q6 with {@code routing.requireClockIn}: online is not enough, the agent must clock in. */
  @Test
  void aSessionWaitsForAnOnlineAgentWhoIsNotClockedInAndGoesToThemWhenTheyClockIn() {
    String channel = newId();
    String agent = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelRequiringClockIn(channel, "EVENLY", agent);
      publish.presence(agent, PresenceStatus.ONLINE, false);
      publish.queued(channel, session);

      NoAgentAvailable noAgent =
          read(routing.await(r -> is(r, NoAgentAvailable.class, session)), NoAgentAvailable.class);
      assertThat(noAgent.reason(), equalTo(NoAgentReason.NONE_AVAILABLE));
      assertThat(
          routing.records().stream().filter(r -> is(r, AgentAssigned.class, session)).toList(),
          empty());

      publish.presence(agent, PresenceStatus.ONLINE, true);

      AgentAssigned assigned =
          read(routing.await(r -> is(r, AgentAssigned.class, session)), AgentAssigned.class);
      assertThat(assigned.agentId(), equalTo(agent));
    }
  }

  private String queuedAndAssigned(TopicProbe routing, String channel, String expectedAgent) {
    String session = newId();
    publish.queued(channel, session);
    assertThat(agentOf(routing, session), equalTo(expectedAgent));
    return session;
  }

  private static String agentOf(TopicProbe routing, String session) {
    return read(routing.await(r -> is(r, AgentAssigned.class, session)), AgentAssigned.class)
        .agentId();
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

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
