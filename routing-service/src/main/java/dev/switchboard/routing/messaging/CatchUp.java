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

  private Admin admin;

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
