package dev.switchboard.session.kafka;

import dev.switchboard.events.CloudEventAttributes;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventFormatException;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.InvalidCloudEventHeadersException;
import dev.switchboard.events.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reading the platform's records (CloudEvents headers in binary mode, JSON values) off Kafka. */
public final class KafkaRecords {

  private KafkaRecords() {}

  /**
   * The record's CloudEvents attributes.
   *
   * @throws InvalidCloudEventHeadersException naming the missing or wrong header
   */
  public static CloudEventAttributes cloudEvent(ConsumerRecord<String, byte[]> record) {
    return CloudEventHeaders.parse(name -> header(record, name));
  }

  /**
   * The event a record carries, checked to be an {@code expected} (the events of its topic); null
   * when its {@code ce_type} is one this service does not know yet (a newer producer: skip it).
   *
   * @throws EventFormatException when the headers or the JSON cannot be read, or the event does not
   *     belong on this topic
   */
  public static <T> T readKnown(ConsumerRecord<String, byte[]> record, Class<T> expected) {
    CloudEventAttributes ce = cloudEvent(record);
    if (!EventRegistry.isKnown(ce.type())) {
      return null;
    }
    PlatformEvent event = EventJson.read(ce, record.value());
    if (!expected.isInstance(event)) {
      throw new EventFormatException(
          ce.type()
              + " does not belong on "
              + record.topic()
              + " (expected "
              + expected.getSimpleName()
              + ")");
    }
    return expected.cast(event);
  }

  /** The last header of that name as UTF-8, or null. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Every header (the last of each name) as UTF-8 strings, in record order. */
  public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(
          header.key(),
          header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }
}
