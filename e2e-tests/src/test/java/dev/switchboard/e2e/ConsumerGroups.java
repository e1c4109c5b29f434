package dev.switchboard.e2e;

import dev.switchboard.testkit.Infrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumer groups of the services these tests start. The broker outlives a test run (and may serve
 * a running platform), so a service started under its usual group would first work through whatever
 * earlier runs left on the topics. Each run gives the services groups of its own, started exactly
 * at the end of their topics: they read everything published from then on, nothing earlier, and a
 * restarted service resumes where its group left off.
 */
public final class ConsumerGroups {

  private ConsumerGroups() {}

  /** Commits {@code groupId} at the current end of every partition of {@code topics}. */
  public static void startAtEnd(String groupId, String... topics) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> group = new KafkaConsumer<>(config)) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (String topic : topics) {
        var partitions =
            group.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        group
            .endOffsets(partitions)
            .forEach((p, end) -> offsets.put(p, new OffsetAndMetadata(end)));
      }
      group.commitSync(offsets);
    }
  }

  /**
   * Who in {@code groupId} holds which partitions, and the group's committed offsets, for a failure
   * message: what a stalled consumer looks like from the broker's side.
   */
  public static String describe(String groupId) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers());
    try (Admin admin = Admin.create(config)) {
      ConsumerGroupDescription group =
          admin
              .describeConsumerGroups(List.of(groupId))
              .all()
              .get(10, TimeUnit.SECONDS)
              .get(groupId);
      Map<String, List<String>> members = new TreeMap<>();
      group
          .members()
          .forEach(
              m ->
                  members.put(
                      m.clientId() + "@" + m.host(),
                      m.assignment().topicPartitions().stream()
                          .map(TopicPartition::toString)
                          .sorted()
                          .toList()));
      Map<String, Long> committed = new TreeMap<>();
      admin
          .listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS)
          .forEach((p, o) -> committed.put(p.toString(), o == null ? -1 : o.offset()));
      return "group "
          + groupId
          + " "
          + group.state()
          + ", members "
          + members
          + ", committed "
          + committed;
    } catch (Exception e) {
      return "group " + groupId + " not described: " + e;
    }
  }
}
