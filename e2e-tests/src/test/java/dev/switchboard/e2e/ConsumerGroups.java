package dev.switchboard.e2e;

import dev.switchboard.testkit.Infrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
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
}
