package dev.switchboard.routing.messaging;

import dev.switchboard.events.CloudEventAttributes;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventFormatException;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.InvalidCloudEventHeadersException;
import dev.switchboard.events.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Reading the platform's records, and retrying what failed for a reason other than the record
 * itself. A record that cannot be read throws, and the channel's {@code dead-letter-queue} failure
 * strategy moves it to {@code <topic>.dlq} with the reason.
 */
public final class EventRecords {

  private static final Logger LOG = Logger.getLogger(EventRecords.class);

  /** About half a minute in all: long enough for Redis or Kafka to come back from a blip. */
  private static final Duration[] BACKOFF = {
    Duration.ofMillis(200),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(4),
    Duration.ofSeconds(8),
    Duration.ofSeconds(15)
  };

  private EventRecords() {}

  /**
   * The event the record carries, checked to be an {@code expected}; empty for a type this version
   * does not know (a newer producer's), which is skipped.
   *
   * @throws InvalidCloudEventHeadersException when the headers are missing or wrong
   * @throws EventFormatException when the value is not that event, or not an {@code expected}
   */
  public static <T> Optional<T> read(ConsumerRecord<String, byte[]> record, Class<T> expected) {
    CloudEventAttributes attributes =
        CloudEventHeaders.parse(
            name -> {
              Header header = record.headers().lastHeader(name);
              return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            });
    if (!EventRegistry.isKnown(attributes.type())) {
      LOG.debugf("Skipping %s: unknown type %s", attributes.id(), attributes.type());
      return Optional.empty();
    }
    PlatformEvent event = EventJson.read(attributes, record.value());
    if (!expected.isInstance(event)) {
      throw new EventFormatException(
          attributes.type() + " does not belong on " + record.topic() + " here");
    }
    return Optional.of(expected.cast(event));
  }

  /**
   * The record's {@code ce_type}, read from its header without parsing the rest: a consumer skips
   * the types it ignores before deserialising them. Null when the header is missing (the record is
   * then read, and dead-lettered, as usual).
   */
  public static String ceType(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(CloudEventHeaders.TYPE);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /**
   * Runs {@code work}, again after a pause when it fails (Redis or Kafka briefly away); the last
   * failure is thrown, and the record goes to the dead-letter topic with it, to be replayed.
   */
  public static void withRetries(String what, Runnable work) {
    withRetries(what, work, () -> false);
  }

  /**
   * As {@link #withRetries(String, Runnable)}, but gives up (throwing the failure) as soon as
   * {@code stopping}: a failure while the service stops is likely the stop itself, and the record
   * is then left for the next start instead of holding the stop up for half a minute.
   */
  public static void withRetries(String what, Runnable work, BooleanSupplier stopping) {
    for (int attempt = 0; ; attempt++) {
      try {
        work.run();
        return;
      } catch (RuntimeException e) {
        if (attempt >= BACKOFF.length || stopping.getAsBoolean()) {
          throw e;
        }
        LOG.warnf("%s failed (%s); trying again in %s", what, e.getMessage(), BACKOFF[attempt]);
        long until = System.nanoTime() + BACKOFF[attempt].toNanos();
        try {
          while (System.nanoTime() < until) {
            if (stopping.getAsBoolean()) {
              throw e;
            }
            Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
          }
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
