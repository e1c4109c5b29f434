package dev.switchboard.routing.config.messaging;

import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.messaging.CatchUp;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.routing.messaging.EventRecords;
import dev.switchboard.routing.messaging.StoppableHandling;
import dev.switchboard.routing.recovery.StateRecovery;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps {@link ConfigCopy} up to date from the compacted {@code oc.config.channels.v1} and {@code
 * oc.config.agents.v1}, read from the beginning by every instance (a consumer group of its own).
 * Idempotent: a record is kept only when its version is higher than the one held. A change may let
 * waiting sessions be given out, so their lines are served.
 *
 * <p>During the initial read at a start (see {@link CatchUp}) a record only updates the copy:
 * serving lines per record of history cost a Redis round trip or more each (measured: 2.8 ms a
 * record, over 2 minutes for 40,000 records) for lines that one serving at the end covers. The copy
 * is updated before the check, so a record read as the initial read ends is covered either by that
 * final serving or by its own.
 */
@ApplicationScoped
public class ConfigConsumer {

  private static final Logger LOG = Logger.getLogger(ConfigConsumer.class);

  @Inject ConfigCopy config;
  @Inject Distributor distributor;
  @Inject ConsumerProgress progress;
  @Inject StoppableHandling handling;
  @Inject CatchUp catchUp;
  @Inject StateRecovery recovery;

  /** The initial read is over: the waiting lines are served once, with the whole configuration. */
  void configurationRead(@Observes CatchUp.ConfigurationRead read) {
    if (!recovery.intact()) {
      // The rebuild serves them once the state is whole (StateRecovery).
      return;
    }
    EventRecords.withRetries(
        "Serving the waiting lines after the configuration was read",
        distributor::serveAllWaitingLines,
        handling::stopping);
  }

  @Incoming("config-channels")
  @Blocking
  public Uni<Void> onChannel(ConsumerRecord<String, byte[]> record) {
    return handling.run(
        () -> {
          try {
            EventRecords.read(record, ChannelConfigChanged.class)
                .map(ConfigMapping::channelQueue)
                .filter(config::offer)
                .filter(queue -> catchUp.initialReadDone() && recovery.intact())
                .ifPresent(
                    queue -> {
                      LOG.debugf(
                          "Channel %s version %d: %s queue %s",
                          queue.channelId(),
                          queue.version(),
                          queue.distributionMode(),
                          queue.agentIds());
                      EventRecords.withRetries(
                          "Serving the waiting line of " + queue.channelId(),
                          () -> distributor.channelChanged(queue.channelId()),
                          handling::stopping);
                    });
          } finally {
            progress.processed(record);
          }
        });
  }

  @Incoming("config-agents")
  @Blocking
  public Uni<Void> onAgent(ConsumerRecord<String, byte[]> record) {
    return handling.run(
        () -> {
          try {
            EventRecords.read(record, AgentDirectoryChanged.class)
                .map(ConfigMapping::agentEntry)
                .filter(config::offer)
                .filter(agent -> catchUp.initialReadDone() && recovery.intact())
                .ifPresent(
                    agent ->
                        EventRecords.withRetries(
                            "Serving waiting lines for " + agent.agentId(),
                            () -> distributor.agentChanged(agent.agentId()),
                            handling::stopping));
          } finally {
            progress.processed(record);
          }
        });
  }
}
