package dev.switchboard.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Watches a topic of the real broker from the moment it is opened, so a test can wait for the
 * record its action caused: {@code try (var probe = TopicProbe.open("oc.config.channels.v1")) {
 * act(); probe.await(r -> ...); }}.
 */
public final class TopicProbe implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

  private TopicProbe(String topic, boolean fromStart) {
    Properties config = new Properties();
    config.putAll(Infrastructure.kafkaClientConfig());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(config);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    if (fromStart) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
    // position() forces the seek now, so records produced after open() are never missed.
    partitions.forEach(consumer::position);
  }

  public static TopicProbe open(String topic) {
    return new TopicProbe(topic, false);
  }

  /** A probe that also sees what the topic already holds (for a topic of the test's own). */
  public static TopicProbe openAtStart(String topic) {
    return new TopicProbe(topic, true);
  }

  /** Waits up to {@code timeout} for a record matching {@code match} and returns it. */
  public ConsumerRecord<String, String> await(
      Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
    return Awaitility.await()
        .atMost(timeout)
        .pollDelay(Duration.ZERO)
        .until(() -> poll().stream().filter(match).findFirst().orElse(null), r -> r != null);
  }

  public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match) {
    return await(match, Duration.ofSeconds(15));
  }

  /** Every record seen so far (polling once more first). */
  public List<ConsumerRecord<String, String>> records() {
    return poll();
  }

  private List<ConsumerRecord<String, String>> poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    return List.copyOf(seen);
  }

  /** The value of a header, or null. */
  public static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null
        ? null
        : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
