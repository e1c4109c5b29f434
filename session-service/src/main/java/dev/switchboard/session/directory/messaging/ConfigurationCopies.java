package dev.switchboard.session.directory.messaging;

import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.platform.runtime.messaging.TransientRetry;
import dev.switchboard.session.conversation.messaging.ParkedInboundRetry;
import dev.switchboard.session.directory.store.DirectoryStore;
import dev.switchboard.session.kafka.KafkaRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the local copies of channel-config's compacted topics: connectors (which channel an account
 * belongs to), channels (name, active, the queue's agents) and agents (name and avatar for
 * replies). Each instance reads the topics from the beginning in groups of its own; idempotent by
 * keeping a record only when its version is higher than the one held.
 */
@ApplicationScoped
public class ConfigurationCopies {

  private static final Logger LOG = Logger.getLogger(ConfigurationCopies.class);

  @Inject DirectoryStore directory;
  @Inject ParkedInboundRetry parkedInbound;
  @Inject GracefulStop gracefulStop;
  @Inject TransientRetry transientRetry;

  @Incoming("config-connectors")
  public Uni<Void> connector(ConsumerRecord<String, byte[]> record) {
    return keep(record, ConnectorRegistrationChanged.class, directory::keep)
        .flatMap(
            kept -> {
              if (kept == null) {
                return Uni.createFrom().voidItem();
              }
              LOG.debugf(
                  "Connector %s (version %d) belongs to channel %s%s",
                  kept.connectorId(),
                  kept.version(),
                  kept.channelId(),
                  kept.deleted() ? ", deleted" : "");
              // Messages that arrived before their connector's registration can go on now.
              return parkedInbound.replay(kept.connectorId());
            });
  }

  @Incoming("config-channels")
  public Uni<Void> channel(ConsumerRecord<String, byte[]> record) {
    return keep(record, ChannelConfigChanged.class, directory::keep).replaceWithVoid();
  }

  @Incoming("config-agents")
  public Uni<Void> agent(ConsumerRecord<String, byte[]> record) {
    return keep(record, AgentDirectoryChanged.class, directory::keep).replaceWithVoid();
  }

  /** The event when it was newer than the copy held and is now stored; null otherwise. */
  private <T> Uni<T> keep(
      ConsumerRecord<String, byte[]> record, Class<T> type, Function<T, Uni<Boolean>> store) {
    if (record.value() == null) {
      // A tombstone: deletions on these topics are records with "deleted": true, so a tombstone
      // only tells compaction to forget a key. Nothing to copy.
      return Uni.createFrom().nullItem();
    }
    return gracefulStop.handle(
        () -> {
          T event = KafkaRecords.readKnown(record, type);
          if (event == null) {
            return Uni.createFrom().<T>nullItem();
          }
          // Retried as long as the database is away: a copy that dropped a record would not read
          // it again before a restart (a connector's messages then parked for nothing).
          return transientRetry
              .<Boolean>untilDone(
                  "copying " + record.topic() + " record " + record.key(),
                  () -> Panache.withTransaction(() -> store.apply(event)))
              .map(kept -> kept ? event : null);
        });
  }
}
