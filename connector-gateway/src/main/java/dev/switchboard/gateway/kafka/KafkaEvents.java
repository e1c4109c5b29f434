package dev.switchboard.gateway.kafka;

import dev.switchboard.events.CloudEventAttributes;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads the event a consumed record carries, by its CloudEvents headers. */
public final class KafkaEvents {

  private KafkaEvents() {}

  /** The {@code ce_type}s of these event classes, for {@link #readIf}. */
  @SafeVarargs
  public static Set<String> ceTypes(Class<? extends PlatformEvent>... eventClasses) {
    return Arrays.stream(eventClasses)
        .map(EventRegistry::ceTypeOf)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The event when its {@code ce_type} header is one of {@code wanted}, read as {@link #read} does;
   * empty for any other, without reading its headers or JSON any further (a consumer that needs few
   * of a topic's events does not pay for the others). A record without {@code ce_type} is read, and
   * so fails as it would have.
   */
  public static Optional<PlatformEvent> readIf(
      ConsumerRecord<String, byte[]> record, Set<String> wanted) {
    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
    if (type != null && !wanted.contains(new String(type.value(), StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return read(record);
  }

  /**
   * The event, or empty for a {@code ce_type} this version does not know (a newer producer's type:
   * skipped, not a poison message).
   *
   * @throws dev.switchboard.events.InvalidCloudEventHeadersException when the headers are missing
   *     or wrong (the record then goes to the dead-letter topic)
   * @throws dev.switchboard.events.EventFormatException when the JSON is not a valid event
   */
  public static Optional<PlatformEvent> read(ConsumerRecord<String, byte[]> record) {
    CloudEventAttributes attributes =
        CloudEventHeaders.parse(
            name -> {
              Header header = record.headers().lastHeader(name);
              return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            });
    if (!EventRegistry.isKnown(attributes.type())) {
      return Optional.empty();
    }
    return Optional.of(EventJson.read(attributes, record.value()));
  }
}
