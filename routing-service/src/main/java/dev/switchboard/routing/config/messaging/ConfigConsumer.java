package dev.switchboard.routing.config.messaging;

import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.routing.messaging.EventRecords;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps {@link ConfigCopy} up to date from the compacted {@code oc.config.channels.v1} and {@code
 * oc.config.agents.v1}, read from the beginning by every instance (a consumer group of its own).
 * Idempotent: a record is kept only when its version is higher than the one held. A change may let
 * waiting sessions be given out, so their lines are served.
 */
@ApplicationScoped
public class ConfigConsumer {

  private static final Logger LOG = Logger.getLogger(ConfigConsumer.class);

  @Inject ConfigCopy config;
  @Inject Distributor distributor;
  @Inject ConsumerProgress progress;

  @Incoming("config-channels")
  @Blocking
  public void onChannel(ConsumerRecord<String, byte[]> record) {
    try {
      EventRecords.read(record, ChannelConfigChanged.class)
          .map(ConfigMapping::channelQueue)
          .filter(config::offer)
          .ifPresent(
              queue -> {
                LOG.debugf(
                    "Channel %s version %d: %s queue %s",
                    queue.channelId(), queue.version(), queue.distributionMode(), queue.agentIds());
                EventRecords.withRetries(
                    "Serving the waiting line of " + queue.channelId(),
                    () -> distributor.channelChanged(queue.channelId()));
              });
    } finally {
      progress.processed(record);
    }
  }

  @Incoming("config-agents")
  @Blocking
  public void onAgent(ConsumerRecord<String, byte[]> record) {
    try {
      EventRecords.read(record, AgentDirectoryChanged.class)
          .map(ConfigMapping::agentEntry)
          .filter(config::offer)
          .ifPresent(
              agent ->
                  EventRecords.withRetries(
                      "Serving waiting lines for " + agent.agentId(),
                      () -> distributor.agentChanged(agent.agentId())));
    } finally {
      progress.processed(record);
    }
  }
}
