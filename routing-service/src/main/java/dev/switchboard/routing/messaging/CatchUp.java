package dev.switchboard.routing.messaging;

import dev.switchboard.events.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
@ApplicationScoped
public class CatchUp {

  private static final Logger LOG = Logger.getLogger(CatchUp.class);

  /** Read by every instance in full; their consumers must have been assigned. */
  private static final List<String> CONFIG_TOPICS =
      List.of(Topics.CONFIG_CHANNELS, Topics.CONFIG_AGENTS);

  private static final List<String> FOLLOWED_TOPICS =
      List.of(Topics.CONFIG_CHANNELS, Topics.CONFIG_AGENTS, Topics.PRESENCE);

  @Inject ConsumerProgress progress;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaConfig;

  @ConfigProperty(name = "switchboard.routing.catch-up.max-wait", defaultValue = "3s")
  Duration maxWait;

  /**
   * How far a producer's record timestamp may run ahead of the moment the broker appended the
   * record (a retried send, another machine's clock): an event is taken as already covered by a
   * catch-up only if it was stamped this long before that catch-up began.
   */
  @ConfigProperty(name = "switchboard.routing.catch-up.clock-margin", defaultValue = "2s")
  Duration clockMargin;

  /**
   * The last complete catch-up: when (wall clock, ms) it began, and over which partitions. What was
   * on those partitions then has been taken in; a partition assigned since (a rebalance) has not.
   */
  record CaughtUp(long asOf, Set<TopicPartition> partitions) {

    /**
     * Whether an event stamped {@code publishedAt} needs no catch-up of its own: it was stamped
     * (with {@code marginMillis} to spare) before this catch-up began, and the partitions followed
     * now are the ones it covered.
     */
    boolean covers(long publishedAt, long marginMillis, Set<TopicPartition> followedNow) {
      return publishedAt + marginMillis < asOf && followedNow.equals(partitions);
    }
  }

  private final AtomicReference<CaughtUp> lastCaughtUp =
      new AtomicReference<>(new CaughtUp(Long.MIN_VALUE, Set.of()));

  private Admin admin;

  /**
   * Like {@link #awaitConfigurationAndPresence()} for an event the broker stamped at {@code
   * publishedAt} (epoch ms): when a catch-up that began after it (with a margin) already completed,
   * there is nothing to wait for. During a burst this spares one broker round trip per session; a
   * session published after the last catch-up still waits for its own.
   */
  public boolean awaitConfigurationAndPresence(long publishedAt) {
    CaughtUp last = lastCaughtUp.get();
    Set<TopicPartition> followed = progress.assignedPartitions(FOLLOWED_TOPICS);
    if (last.covers(publishedAt, clockMargin.toMillis(), followed)) {
      return true;
    }
    long beginning = System.currentTimeMillis();
    boolean caughtUp = awaitConfigurationAndPresence();
    if (caughtUp) {
      lastCaughtUp.set(new CaughtUp(beginning, followed));
    }
    return caughtUp;
  }

  /** True when caught up, false when it stopped waiting. */
  public boolean awaitConfigurationAndPresence() {
    long deadline = System.nanoTime() + maxWait.toNanos();
    try {
      if (!progress.awaitAssignment(CONFIG_TOPICS, deadline)) {
        LOG.warn("The configuration consumers have no partitions yet; routing with what is known");
        return false;
      }
      Set<TopicPartition> partitions = progress.assignedPartitions(FOLLOWED_TOPICS);
      if (partitions.isEmpty()) {
        return true;
      }
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin()
              .listOffsets(latest)
              .all()
              .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      Map<TopicPartition, Long> endOffsets = new HashMap<>();
      ends.forEach((partition, info) -> endOffsets.put(partition, info.offset()));
      boolean caughtUp = progress.awaitProcessed(endOffsets, deadline);
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
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
