package dev.switchboard.session.conversation.messaging;

import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.session.conversation.store.OfferStore;
import dev.switchboard.session.conversation.store.SessionStore;
import dev.switchboard.session.kafka.KafkaRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code oc.routing.events.v1}: {@code AgentAssigned} becomes {@code SessionAssigned} (and
 * {@code SessionAccepted} for an accepted offer); {@code OfferMade}, {@code OfferExpired} and
 * {@code OfferWithdrawn} keep the agents' open offers; {@code NoAgentAvailable} sends the channel's
 * automatic reply (A4), once per session. Idempotent on the event id, in {@code processed_event}.
 */
@ApplicationScoped
public class RoutingEventConsumer {

  private static final Logger LOG = Logger.getLogger(RoutingEventConsumer.class);

  @Inject SessionStore sessions;
  @Inject OfferStore offers;
  @Inject SessionAnnouncements announcements;
  @Inject GracefulStop gracefulStop;

  private static boolean isSessionId(String id) {
    try {
      UUID.fromString(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Incoming("routing")
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return gracefulStop
        .handle(
            () -> {
              RoutingEvent event = KafkaRecords.readKnown(record, RoutingEvent.class);
              if (!isSessionId(event.sessionId())) {
                // Every session of this service has a UUID: this one is not ours (the topic is
                // shared with other deployments' tests and simulators), and costs no transaction.
                LOG.debugf(
                    "Routing event %s names session %s, not one of ours; ignored",
                    event.id(), event.sessionId());
                return Uni.createFrom().voidItem();
              }
              Supplier<Uni<Boolean>> work;
              if (event instanceof AgentAssigned assigned) {
                work = () -> sessions.recordAssignment(assigned);
              } else if (event instanceof OfferMade
                  || event instanceof OfferExpired
                  || event instanceof OfferWithdrawn) {
                work = () -> offers.record(event);
              } else if (event instanceof NoAgentAvailable none) {
                work = () -> sessions.recordNoAgentAvailable(none);
              } else {
                return Uni.createFrom().voidItem();
              }
              MDC.put("channelId", event.channelId());
              MDC.put("sessionId", event.sessionId());
              return Uni.createFrom()
                  .deferred(() -> Panache.withTransaction(work))
                  .onFailure(
                      failure -> !gracefulStop.stopping() && KafkaRecords.isTransient(failure))
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
