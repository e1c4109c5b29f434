package dev.switchboard.session.conversation.store;

import dev.switchboard.session.kafka.KafkaRecords;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record as it was read, kept so that it can be parked, replayed and dead-lettered
 * unchanged.
 */
public record ReceivedRecord(
    String topic,
    int partition,
    long offset,
    String key,
    Map<String, String> headers,
    String payload) {

  /** The record as read from the topic, its value as UTF-8 text. */
  public static ReceivedRecord of(ConsumerRecord<String, byte[]> record) {
    return new ReceivedRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        KafkaRecords.headers(record),
        record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
  }
}
