package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingFlows.is;
import static dev.switchboard.routing.RoutingFlows.newAgent;
import static dev.switchboard.routing.RoutingFlows.newId;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import dev.switchboard.events.Topics;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A newer version of another service may publish event types this one does not know: they are
 * skipped (a debug line), not dead-lettered, and the events behind them are handled as usual.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class ForwardCompatibilityTest {

  private final RoutingEventsPublisher publish = new RoutingEventsPublisher();

  @Inject ConsumerProgress progress;

  @BeforeEach
  void consumersAreListening() {
    RoutingFlows.awaitConsumersAssigned(progress);
  }

  @Test
  void eventsOfATypeThisVersionDoesNotKnowAreSkippedNotDeadLettered() {
    String channel = newId();
    String agent = newAgent();
    String session = newId();
    try (TopicProbe routing = TopicProbe.open(Topics.ROUTING_EVENTS);
        TopicProbe sessionDeadLetters = TopicProbe.open(Topics.dlq(Topics.SESSION_EVENTS));
        TopicProbe presenceDeadLetters = TopicProbe.open(Topics.dlq(Topics.PRESENCE))) {
      publish.channel(channel, agent);
      // On each topic, first a record of a type from the future, with a shape nobody here knows,
      // then the events this version reads, keyed the same (same partition: read after it).
      publish.send(newerType(Topics.PRESENCE, agent, "presence.AgentMoodChanged.v1"));
      publish.presence(agent, PresenceStatus.ONLINE);
      publish.send(newerType(Topics.SESSION_EVENTS, channel, "session.SessionQueued.v2"));
      publish.queued(channel, session);

      routing.await(r -> is(r, AgentAssigned.class, session));

      assertThat(
          sessionDeadLetters.records().stream().filter(r -> channel.equals(r.key())).toList(),
          empty());
      assertThat(
          presenceDeadLetters.records().stream().filter(r -> agent.equals(r.key())).toList(),
          empty());
    }
  }

  private static ProducerRecord<String, byte[]> newerType(String topic, String key, String type) {
    String id = newId();
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topic,
            key,
            ("{\"id\":\"" + id + "\",\"somethingNew\":{\"nested\":[1,2]}}")
                .getBytes(StandardCharsets.UTF_8));
    record.headers().add("ce_specversion", bytes("1.0"));
    record.headers().add("ce_id", bytes(id));
    record.headers().add("ce_type", bytes("dev.switchboard." + type));
    record.headers().add("ce_source", bytes("/switchboard/a-newer-service"));
    record.headers().add("ce_time", bytes(Instant.now().toString()));
    return record;
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
