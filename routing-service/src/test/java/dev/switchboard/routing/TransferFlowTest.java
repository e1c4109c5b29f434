package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFlows.is;
import static dev.switchboard.routing.RoutingFlows.newAgent;
import static dev.switchboard.routing.RoutingFlows.newId;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code SessionTransferred} against the real Kafka and Redis: the previous agent is freed, the
 * named agent gets the session when available with room, else the (target) channel distributes it.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class TransferFlowTest {

  private static final RoutingEventsPublisher publish = new RoutingEventsPublisher();

  @Inject ConsumerProgress progress;

  @BeforeEach
  void consumersAreListening() {
    RoutingFlows.awaitConsumersAssigned(progress);
  }

  @Test
  void aTransferToAnAvailableAgentOutsideTheQueueAssignsThatAgentAndFreesThePreviousOne() {
    String channel = newId();
    String first = newAgent();
    String outsider = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "EVENLY", 1, first);
      publish.presence(first, PresenceStatus.ONLINE);
      publish.presence(outsider, PresenceStatus.ONLINE);
      publish.queued(channel, session);
      assertThat(assigned(routing, session, 1).agentId(), equalTo(first));

      publish.transferred(channel, session, first, outsider, null);

      AgentAssigned transferred = assigned(routing, session, 2);
      assertThat(transferred.agentId(), equalTo(outsider));
      assertThat(transferred.reason(), equalTo(AssignmentReason.TRANSFER));
      assertThat(transferred.channelId(), equalTo(channel));
      // The first agent's place (limit 1) is free again.
      String next = newId();
      publish.queued(channel, next);
      assertThat(assigned(routing, next, 1).agentId(), equalTo(first));
    }
  }

  @Test
  void aTransferToAnAgentWhoCannotTakeItFallsBackToTheChannelsDistribution() {
    String channel = newId();
    String first = newAgent();
    String offline = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "EVENLY", null, first);
      publish.presence(first, PresenceStatus.ONLINE);
      publish.queued(channel, session);
      assertThat(assigned(routing, session, 1).agentId(), equalTo(first));

      publish.transferred(channel, session, first, offline, null);

      AgentAssigned again = assigned(routing, session, 2);
      assertThat(again.agentId(), equalTo(first));
      assertThat(again.reason(), equalTo(AssignmentReason.DISTRIBUTION));
    }
  }

  @Test
  void aTransferToAnotherChannelGoesThroughThatChannelsQueueOnce() {
    String channel = newId();
    String target = newId();
    String first = newAgent();
    String other = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "EVENLY", null, first);
      publish.channelWithMode(target, "EVENLY", null, other);
      publish.presence(first, PresenceStatus.ONLINE);
      publish.presence(other, PresenceStatus.ONLINE);
      publish.queued(channel, session);
      assertThat(assigned(routing, session, 1).agentId(), equalTo(first));

      // The same event twice (at least once delivery): one transfer.
      publish.publish(publish.transferred(channel, session, first, null, target));

      AgentAssigned moved = assigned(routing, session, 2);
      assertThat(moved.agentId(), equalTo(other));
      assertThat(moved.channelId(), equalTo(target));
      String marker = newId();
      publish.queued(channel, marker);
      assigned(routing, marker, 1);
      assertThat(
          routing.records().stream().filter(r -> isAssigned(r, session)).toList(), hasSize(2));
    }
  }

  @Test
  void aRecognisedClientsWaitingSessionGoesToTheResponsiblePersonWhenTheChannelAsks() {
    String channel = newId();
    String queued = newAgent();
    String responsible = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "STRICT_ORDER", null, true, queued);
      publish.presence(queued, PresenceStatus.ONLINE);
      publish.presence(responsible, PresenceStatus.ONLINE);
      publish.queued(channel, session);
      routing.await(r -> is(r, OfferMade.class, session));

      publish.recognised(channel, session, responsible);

      AgentAssigned assigned = assigned(routing, session, 1);
      assertThat(assigned.agentId(), equalTo(responsible));
      assertThat(assigned.reason(), equalTo(AssignmentReason.RESPONSIBLE_PERSON));
      OfferWithdrawn withdrawn =
          EventJson.read(
              routing
                  .await(r -> is(r, OfferWithdrawn.class, session))
                  .value()
                  .getBytes(StandardCharsets.UTF_8),
              OfferWithdrawn.class);
      assertThat(withdrawn.reason(), equalTo(WithdrawalReason.SESSION_TRANSFERRED));
    }
  }

  @Test
  void anAssignedSessionNotYetAnsweredIsTransferredToTheResponsiblePerson() {
    String channel = newId();
    String first = newAgent();
    String responsible = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "EVENLY", 1, true, first);
      publish.presence(first, PresenceStatus.ONLINE);
      publish.presence(responsible, PresenceStatus.ONLINE);
      publish.queued(channel, session);
      assertThat(assigned(routing, session, 1).agentId(), equalTo(first));

      publish.recognised(channel, session, responsible);

      AgentAssigned moved =
          EventJson.read(
              routing
                  .await(
                      r ->
                          isAssigned(r, session)
                              && r.value().contains(AssignmentReason.RESPONSIBLE_PERSON.name()))
                  .value()
                  .getBytes(StandardCharsets.UTF_8),
              AgentAssigned.class);
      assertThat(moved.agentId(), equalTo(responsible));
      assertThat(moved.channelId(), equalTo(channel));
      // The first agent's place (limit 1) is free again.
      String next = newId();
      publish.queued(channel, next);
      assertThat(assigned(routing, next, 1).agentId(), equalTo(first));
    }
  }

  @Test
  void aResponsiblePersonWhoIsOfflineLeavesTheSessionWithTheQueue() {
    String channel = newId();
    String queued = newAgent();
    String responsible = newAgent();
    String absent = newAgent();
    String s1 = newId();
    String s2 = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "STRICT_ORDER", null, true, queued);
      publish.presence(queued, PresenceStatus.ONLINE);
      publish.presence(responsible, PresenceStatus.ONLINE);
      publish.queued(channel, s1);
      publish.queued(channel, s2);
      routing.await(r -> is(r, OfferMade.class, s2));

      publish.recognised(channel, s1, absent);
      // Same channel key, same partition: handled after the one above.
      publish.recognised(channel, s2, responsible);

      assertThat(assigned(routing, s2, 1).agentId(), equalTo(responsible));
      assertThat(
          routing.records().stream()
              .filter(r -> isAssigned(r, s1) || is(r, OfferWithdrawn.class, s1))
              .toList(),
          hasSize(0));
    }
  }

  @Test
  void anAnsweredSessionStopsCountingTowardTheLimitWhenTheChannelSaysSo() {
    String channel = newId();
    String agent = newAgent();
    String s1 = newId();
    String s2 = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS)) {
      publish.channelWithMode(channel, "EVENLY", 1, false, List.of("ANSWERED"), agent);
      publish.presence(agent, PresenceStatus.ONLINE);
      publish.queued(channel, s1);
      assertThat(assigned(routing, s1, 1).agentId(), equalTo(agent));
      publish.queued(channel, s2);
      routing.await(
          r ->
              EventRegistry.ceTypeOf(dev.switchboard.events.routing.NoAgentAvailable.class)
                      .equals(TopicProbe.header(r, CloudEventHeaders.TYPE))
                  && s2.equals(TopicProbe.header(r, CloudEventHeaders.SUBJECT)));

      publish.agentMessage(channel, s1, agent);

      assertThat(assigned(routing, s2, 1).agentId(), equalTo(agent));
    }
  }

  /** The {@code n}th AgentAssigned of the session. */
  private static AgentAssigned assigned(TopicProbe routing, String session, int n) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> routing.records().stream().filter(r -> isAssigned(r, session)).count() >= n);
    ConsumerRecord<String, String> record =
        routing.records().stream().filter(r -> isAssigned(r, session)).toList().get(n - 1);
    return EventJson.read(record.value().getBytes(StandardCharsets.UTF_8), AgentAssigned.class);
  }

  private static boolean isAssigned(ConsumerRecord<String, String> record, String sessionId) {
    return is(record, AgentAssigned.class, sessionId);
  }
}
