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

  /**
   * The pauses between tries. A failure that is not an outage (see {@link Outages}) is tried this
   * many times, about half a minute in all, then dead-lettered; an outage is retried every {@link
   * #OUTAGE_PAUSE} at most, for as long as it lasts.
   */
  private static final Duration[] BACKOFF = {
    Duration.ofMillis(200),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(4),
    Duration.ofSeconds(8),
    Duration.ofSeconds(15)
  };

  /** The longest pause during an outage, so a record moves on within seconds of Redis's return. */
  private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(2);

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
   * Runs {@code work}, again after a pause when it fails. While Redis (or the network to it) is
   * away it is retried until it is back, so the consumer holds its position and nothing is
   * dead-lettered for an outage; any other failure is retried for about half a minute, then thrown,
   * and the record goes to the dead-letter topic with it.
   */
  public static void withRetries(String what, Runnable work) {
    withRetries(what, work, () -> false);
  }

  /**
   * As {@link #withRetries(String, Runnable)}, but gives up (throwing the failure) as soon as
   * {@code stopping}: a failure while the service stops is likely the stop itself, and the record
   * is then left for the next start instead of holding the stop up.
   */
  public static void withRetries(String what, Runnable work, BooleanSupplier stopping) {
    int failures = 0;
    int failuresNotOutages = 0;
    while (true) {
      try {
        work.run();
        if (failures > 0) {
          LOG.infof("%s succeeded after %d failed tries", what, failures);
        }
        return;
      } catch (RuntimeException e) {
        boolean outage = Outages.isOutage(e);
        failures++;
        failuresNotOutages += outage ? 0 : 1;
        if (stopping.getAsBoolean() || failuresNotOutages > BACKOFF.length) {
          throw e;
        }
        Duration pause = BACKOFF[Math.min(failures, BACKOFF.length) - 1];
        if (outage && pause.compareTo(OUTAGE_PAUSE) > 0) {
          pause = OUTAGE_PAUSE;
        }
        LOG.warnf(
            "%s failed (%s%s: %s); trying again in %s",
            what,
            outage ? "Redis away, held until it is back; " : "",
            e.getClass().getSimpleName(),
            e.getMessage(),
            pause);
        pause(pause, stopping, e);
      }
    }
  }

  private static void pause(Duration pause, BooleanSupplier stopping, RuntimeException failure) {
    long until = System.nanoTime() + pause.toNanos();
    try {
      while (System.nanoTime() < until) {
        if (stopping.getAsBoolean()) {
          throw failure;
        }
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }
}
