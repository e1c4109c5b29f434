package dev.switchboard.gateway.connector.messaging;

import dev.switchboard.events.Topics;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.gateway.connector.store.ConnectorRegistrations;
import dev.switchboard.gateway.kafka.KafkaEvents;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.platform.runtime.messaging.TransientRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the local copy of {@value Topics#CONFIG_CONNECTORS}, in PostgreSQL and in memory (a newer
 * version is used by the webhooks as soon as it is read). Idempotent by "keep the highest version":
 * a redelivered or older registration changes nothing. An unreadable record goes to the topic's
 * dead-letter topic; a database outage is waited out.
 */
@ApplicationScoped
public class ConnectorRegistrationConsumer {

  private static final Logger LOG = Logger.getLogger(ConnectorRegistrationConsumer.class);

  @Inject ConnectorRegistrations registrations;
  @Inject GracefulStop gracefulStop;
  @Inject TransientRetry transientRetry;

  @Incoming("config-connectors")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    // Stopping, the pool closes under a record in hand ("Pool closed"): such a record is left for
    // the next start (every instance reads the topic from the beginning), not dead-lettered.
    return gracefulStop.handle(() -> store(record));
  }

  private Uni<Void> store(ConsumerRecord<String, byte[]> record) {
    return KafkaEvents.read(record)
        .filter(ConnectorRegistrationChanged.class::isInstance)
        .map(ConnectorRegistrationChanged.class::cast)
        .map(
            event ->
                // Retried as long as the database is away: this copy reads the topic once, so a
                // dropped registration would leave its webhooks answering 404 until a restart.
                transientRetry
                    .<Boolean>untilDone(
                        "keeping connector " + event.connectorId() + " v" + event.version(),
                        () -> registrations.keepIfNewer(event))
                    .invoke(
                        stored -> {
                          if (stored) {
                            LOG.infof(
                                "Connector %s (%s, account %s, channel %s) is at version %d%s",
                                event.connectorId(),
                                event.connectorType(),
                                event.accountId(),
                                event.channelId(),
                                event.version(),
                                event.deleted() ? ", deleted" : "");
                          }
                        })
                    .replaceWithVoid())
        .orElseGet(Uni.createFrom()::voidItem);
  }
}
