package dev.switchboard.routing.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Before a session is routed, lets this instance take in the configuration and presence records
 * that were on the broker when the session's event was read. The topics are separate, so without
 * this an agent who went online (or a queue set up) just before a client wrote could be missed by a
 * few milliseconds. It waits at most {@code switchboard.routing.catch-up.max-wait}; then routing
 * goes ahead with what it has, and whatever arrives later still serves the waiting line.
 *
 * <p><b>The initial read.</b> At a start the configuration topics are read from the beginning; on a
 * long-lived broker they hold many thousands of records. Until this instance has read them up to
 * the end offsets they had when its consumers got their partitions, the configuration is only
 * half-known: the record consumers then only update the local copy (no serving of waiting lines per
 * record), readiness is DOWN ({@link ConfigurationReadiness}), and the first session to route waits
 * for the read to finish (at most {@code switchboard.routing.catch-up.initial-max-wait}), once for
 * all the sessions behind it, instead of each waiting {@code max-wait} and being routed with a
 * half-read configuration. When the read is done, {@link ConfigurationRead} is fired once (the
 * waiting lines are then served once).
 */
@ApplicationScoped
public class CatchUp {

  private static final Logger LOG = Logger.getLogger(CatchUp.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  /** Fired once, when the configuration topics have been read up to their ends at the start. */
  public record ConfigurationRead(long records, Duration took) {}

  @Inject ConsumerProgress progress;
  @Inject ConfigTopics topics;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @Inject Event<ConfigurationRead> configurationRead;

  @ConfigProperty(name = "switchboard.routing.catch-up.max-wait", defaultValue = "3s")
  Duration maxWait;

  /** How long the first session waits, at most, for the initial read of the configuration. */
  @ConfigProperty(name = "switchboard.routing.catch-up.initial-max-wait", defaultValue = "2m")
  Duration initialMaxWait;

  /**
   * The last complete catch-up: the session-event offsets polled before it began ({@link
   * PolledOffsets}), and the configuration and presence partitions it covered. What was on those
   * partitions then has been taken in; a partition assigned since (a rebalance) has not.
   */
  record CaughtUp(Map<TopicPartition, Long> polledBefore, Set<TopicPartition> partitions) {

    /**
     * Whether the event at {@code offset} of {@code partition} needs no catch-up of its own: it had
     * been polled (so it was on the broker, and whatever was published before it too) when this
     * catch-up began, and the partitions followed now are the ones it covered.
     */
    boolean covers(TopicPartition partition, long offset, Set<TopicPartition> followedNow) {
      return polledBefore.getOrDefault(partition, -1L) >= offset && followedNow.equals(partitions);
    }
  }

  private final AtomicReference<CaughtUp> lastCaughtUp =
      new AtomicReference<>(new CaughtUp(Map.of(), Set.of()));

  private Admin admin;

  /** The end offsets of the configuration partitions at the start; null until known. */
  private volatile Map<TopicPartition, Long> initialEnds;

  private final CountDownLatch initialReadDone = new CountDownLatch(1);
  private volatile boolean stopping;

  void startInitialRead(@Observes StartupEvent start) {
    Thread reader = new Thread(this::readConfigurationOnce, "routing-initial-config-read");
    reader.setDaemon(true);
    reader.start();
  }

  /** Whether the configuration topics have been read up to their ends at the start. */
  public boolean initialReadDone() {
    return initialReadDone.getCount() == 0;
  }

  /**
   * Configuration records still to read before the initial read is done; empty while the end
   * offsets are not known yet.
   */
  public OptionalLong initialRecordsBehind() {
    Map<TopicPartition, Long> ends = initialEnds;
    if (ends == null) {
      return OptionalLong.empty();
    }
    long behind = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      behind += Math.max(0, end.getValue() - progress.nextToProcess(end.getKey()).orElse(0));
    }
    return OptionalLong.of(behind);
  }

  /** Waits at most {@code max} for the initial read; true when it is done. */
  public boolean awaitInitialRead(Duration max) throws InterruptedException {
    return initialReadDone.await(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits (at most {@code initial-max-wait}) for the initial read; true when it is done. */
  private boolean awaitInitialRead() throws InterruptedException {
    if (initialReadDone()) {
      return true;
    }
    LOG.infof("Waiting for the initial read of the configuration (at most %s)", initialMaxWait);
    boolean done = awaitInitialRead(initialMaxWait);
    if (!done) {
      LOG.warnf(
          "The configuration is still being read after %s (%s records behind); routing anyway",
          initialMaxWait, initialRecordsBehind());
    }
    return done;
  }

  /**
   * Takes the end offsets of the configuration partitions once they are assigned and waits until
   * they are processed; retried while Kafka does not answer. Nothing else waits on this thread.
   */
  private void readConfigurationOnce() {
    long begin = System.nanoTime();
    while (!stopping) {
      try {
        long patience = System.nanoTime() + RETRY_AFTER.toNanos() * 30;
        if (!progress.awaitAssignment(topics.config(), patience)) {
          LOG.info("The configuration consumers have no partitions yet; still waiting");
          continue;
        }
        Set<TopicPartition> partitions = progress.assignedPartitions(topics.config());
        initialEnds = endOffsets(partitions, System.nanoTime() + RETRY_AFTER.toNanos() * 10);
        while (!stopping
            && !progress.awaitProcessed(initialEnds, System.nanoTime() + RETRY_AFTER.toNanos())) {
          // Readiness reports how far it got meanwhile.
        }
        if (stopping) {
          return;
        }
        long records = initialEnds.values().stream().mapToLong(Long::longValue).sum();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        initialReadDone.countDown();
        LOG.infof(
            "Configuration read: %d records (end offsets) in %d ms", records, took.toMillis());
        try {
          configurationRead.fire(new ConfigurationRead(records, took));
        } catch (RuntimeException e) {
          LOG.warnf("After the configuration was read: %s (the safety net serves the lines)", e);
        }
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        LOG.warnf(
            "Could not read the configuration's end offsets (%s); trying again", e.toString());
        try {
          Thread.sleep(RETRY_AFTER.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions, long deadline)
      throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin()
            .listOffsets(latest)
            .all()
            .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    Map<TopicPartition, Long> endOffsets = new HashMap<>();
    ends.forEach((partition, info) -> endOffsets.put(partition, info.offset()));
    return endOffsets;
  }

  /**
   * Like {@link #awaitConfigurationAndPresence()} for the session event at {@code offset} of {@code
   * partition}: when a catch-up that began after the event was polled already completed, there is
   * nothing to wait for. So one catch-up serves every event polled before it began: a burst costs
   * one broker round trip, and so does each poll's worth of events when routing keeps up.
   */
  public boolean awaitConfigurationAndPresence(TopicPartition partition, long offset) {
    CaughtUp last = lastCaughtUp.get();
    Set<TopicPartition> followed = progress.assignedPartitions(topics.followed());
    if (last.covers(partition, offset, followed)) {
      return true;
    }
    Map<TopicPartition, Long> polledBefore = PolledOffsets.snapshot();
    boolean caughtUp = awaitConfigurationAndPresence();
    if (caughtUp) {
      lastCaughtUp.set(new CaughtUp(polledBefore, followed));
    }
    return caughtUp;
  }

  /**
   * True when caught up, false when it stopped waiting. At a start, first waits for the initial
   * read of the configuration (once: every later call finds it done).
   */
  public boolean awaitConfigurationAndPresence() {
    try {
      if (!awaitInitialRead()) {
        return false;
      }
      long deadline = System.nanoTime() + maxWait.toNanos();
      if (!progress.awaitAssignment(topics.config(), deadline)) {
        LOG.warn("The configuration consumers have no partitions yet; routing with what is known");
        return false;
      }
      Set<TopicPartition> partitions = progress.assignedPartitions(topics.followed());
      if (partitions.isEmpty()) {
        return true;
      }
      boolean caughtUp = progress.awaitProcessed(endOffsets(partitions, deadline), deadline);
      if (!caughtUp) {
        LOG.debugf("Configuration or presence not caught up within %s; routing anyway", maxWait);
      }
      return caughtUp;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      LOG.debugf(e, "Could not read the end offsets; routing with what is known");
      return false;
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Map<String, Object> config = new HashMap<>();
      kafkaConfig.forEach(
          (name, value) -> {
            if (AdminClientConfig.configNames().contains(name)) {
              config.put(name, value);
            }
          });
      config.put(AdminClientConfig.CLIENT_ID_CONFIG, "routing-service-catch-up");
      admin = Admin.create(config);
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    stopping = true;
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
