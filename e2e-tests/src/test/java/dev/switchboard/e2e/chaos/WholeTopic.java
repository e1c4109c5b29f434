package dev.switchboard.e2e.chaos;

import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A topic of the chaos broker read from its first record to its last, partition by partition. */
final class WholeTopic {

  private WholeTopic() {}

  /** Every record, in offset order within each partition, the partitions one after the other. */
  static List<ConsumerRecord<String, byte[]>> records(String bootstrapServers, String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      for (TopicPartition partition : partitions) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumer.position(partition) < ends.get(partition)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("could not read " + partition + " to its end");
          }
          consumer.poll(Duration.ofMillis(500)).forEach(all::add);
        }
      }
    }
    return all;
  }

  /**
   * The platform's events of {@code topic}, each once (a record published again after a crash
   * carries the same event id), in the order of {@link #records}.
   */
  static List<PlatformEvent> events(String bootstrapServers, String topic) {
    Set<String> seen = new HashSet<>();
    List<PlatformEvent> events = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records(bootstrapServers, topic)) {
      var type = record.headers().lastHeader(CloudEventHeaders.TYPE);
      if (type == null || record.value() == null) {
        continue;
      }
      PlatformEvent event =
          EventJson.read(new String(type.value(), StandardCharsets.UTF_8), record.value());
      if (seen.add(event.id())) {
        events.add(event);
      }
    }
    return events;
  }
}
