package dev.switchboard.routing.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The highest offset polled so far on each partition of the session events (a Kafka consumer
 * interceptor, {@code interceptor.classes} of that channel): a record polled before a catch-up
 * began was on the broker before it, so that catch-up covers whatever was published before the
 * record. This needs no clock, where comparing a producer's timestamp with this instance's clock
 * needed a margin of seconds, and with it one catch-up per session whenever routing kept up with
 * its input. Kafka creates the interceptor itself (not CDI), hence the static table: one per
 * process.
 */
public class PolledOffsets implements ConsumerInterceptor<Object, Object> {

  private static final Map<TopicPartition, Long> HIGHEST = new ConcurrentHashMap<>();

  /** What has been polled so far: partition to its highest polled offset. */
  static Map<TopicPartition, Long> snapshot() {
    return Map.copyOf(HIGHEST);
  }

  @Override
  public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
    for (TopicPartition partition : records.partitions()) {
      var polled = records.records(partition);
      if (!polled.isEmpty()) {
        HIGHEST.merge(partition, polled.get(polled.size() - 1).offset(), Math::max);
      }
    }
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
