package dev.switchboard.routing;

import static org.awaitility.Awaitility.await;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.Topics;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the routing flow tests share: fresh ids, waiting for the consumers, reading decisions. */
final class RoutingFlows {

  private RoutingFlows() {}

  /** The consumers start at the end of the shared topics: wait until they have their partitions. */
  static void awaitConsumersAssigned(ConsumerProgress progress) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                List.of(
                        Topics.SESSION_EVENTS,
                        Topics.PRESENCE,
                        Topics.CRM_EVENTS,
                        Topics.CONFIG_CHANNELS,
                        Topics.CONFIG_AGENTS)
                    .stream()
                    .allMatch(progress::hasAssignment));
  }

  /** Whether the record is a {@code type} decision about {@code sessionId}. */
  static boolean is(
      ConsumerRecord<String, String> record, Class<? extends RoutingEvent> type, String sessionId) {
    return EventRegistry.ceTypeOf(type).equals(TopicProbe.header(record, CloudEventHeaders.TYPE))
        && sessionId.equals(TopicProbe.header(record, CloudEventHeaders.SUBJECT));
  }

  static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
    return EventJson.read(record.value().getBytes(StandardCharsets.UTF_8), type);
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  static String newAgent() {
    return "agent-" + UUID.randomUUID();
  }
}
