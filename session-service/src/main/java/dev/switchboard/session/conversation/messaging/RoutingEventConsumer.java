package dev.switchboard.session.conversation.messaging;

import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.session.conversation.store.SessionStore;
import dev.switchboard.session.kafka.KafkaRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code oc.routing.events.v1}: {@code AgentAssigned} becomes {@code SessionAssigned}
 * (idempotent on the event id, in {@code processed_event}). The other routing events are read (a
 * malformed one is dead-lettered) and not acted on yet.
 */
@ApplicationScoped
public class RoutingEventConsumer {

  private static final Logger LOG = Logger.getLogger(RoutingEventConsumer.class);

  @Inject SessionStore sessions;
  @Inject SessionAnnouncements announcements;

  @Incoming("routing")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return Uni.createFrom()
        .deferred(
            () -> {
              RoutingEvent event = KafkaRecords.readKnown(record, RoutingEvent.class);
              if (!(event instanceof AgentAssigned assigned)) {
                return Uni.createFrom().voidItem();
              }
              MDC.put("channelId", assigned.channelId());
              MDC.put("sessionId", assigned.sessionId());
              return Uni.createFrom()
                  .deferred(
                      () -> Panache.withTransaction(() -> sessions.recordAssignment(assigned)))
                  .onFailure(KafkaRecords::isTransient)
                  .retry()
                  .withBackOff(KafkaRecords.FIRST_BACKOFF, KafkaRecords.MAX_BACKOFF)
                  .atMost(KafkaRecords.TRANSIENT_RETRIES)
                  .invoke(
                      changed -> {
                        if (changed) {
                          announcements.flush();
                        }
                      })
                  .replaceWithVoid();
            })
        .onFailure()
        .invoke(
            failure ->
                LOG.warnf(
                    "Routing record %s-%d@%d goes to the dead-letter topic: %s",
                    record.topic(), record.partition(), record.offset(), failure.getMessage()))
        .eventually(
            () -> {
              MDC.remove("channelId");
              MDC.remove("sessionId");
            });
  }
}
