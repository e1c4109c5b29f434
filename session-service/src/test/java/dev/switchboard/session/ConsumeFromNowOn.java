package dev.switchboard.session;

import dev.switchboard.events.Topics;
import dev.switchboard.testkit.Infrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker is shared with the other services' tests and a running platform: this run's inbound
 * and routing consumers get consumer groups of their own that start at the current end of their
 * topics (committed here, before the service starts), so they neither replay what others published
 * earlier nor miss a record a test publishes while they are still joining.
 */
public class ConsumeFromNowOn implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    String run = UUID.randomUUID().toString();
    Map<String, String> overrides = new HashMap<>();
    try (Admin admin = Admin.create(config)) {
      overrides.put(
          "mp.messaging.incoming.inbound.group.id",
          startAtEnd(admin, Topics.INBOUND_MESSAGES, "session-service-inbound-test-" + run));
      overrides.put(
          "mp.messaging.incoming.routing.group.id",
          startAtEnd(admin, Topics.ROUTING_EVENTS, "session-service-routing-test-" + run));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot prepare the test consumer groups", e);
    }
    return overrides;
  }

  private static String startAtEnd(Admin admin, String topic, String group) throws Exception {
    List<TopicPartition> partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin
            .listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
            .all()
            .get();
    admin
        .alterConsumerGroupOffsets(
            group,
            ends.entrySet().stream()
                .collect(
                    Collectors.toMap(
                        Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset()))))
        .all()
        .get();
    return group;
  }

  @Override
  public void stop() {
    // The groups expire with the broker's offset retention; nothing else to undo.
  }
}
