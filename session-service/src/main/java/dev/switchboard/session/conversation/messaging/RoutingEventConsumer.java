package dev.switchboard.session.conversation.messaging;

import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.platform.runtime.messaging.TransientRetry;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.store.OfferStore;
import dev.switchboard.session.conversation.store.ReceivedRecord;
import dev.switchboard.session.conversation.store.RejectedRecord;
import dev.switchboard.session.conversation.usecase.RecordAssignment;
import dev.switchboard.session.conversation.usecase.SendNoAgentReply;
import dev.switchboard.session.kafka.Batches;
import dev.switchboard.session.kafka.KafkaRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Consumes {@code oc.routing.events.v1} in batches: {@code AgentAssigned} becomes {@code
 * SessionAssigned} (and {@code SessionAccepted} for an accepted offer); {@code OfferMade}, {@code
 * OfferExpired} and {@code OfferWithdrawn} keep the agents' open offers; {@code NoAgentAvailable}
 * sends the channel's automatic reply (A4), once per session. Idempotent on the event id, in {@code
 * processed_event}.
 *
 * <p>The events of a batch are applied one after the other, in order, in one transaction: a burst
 * of assignments paid a transaction each. A failure that passes (the database restarting) is
 * retried for as long as it lasts ({@link TransientRetry}), the batch's offsets uncommitted. Should
 * the batch fail for good, its events are applied one by one, each in its own transaction, and one
 * that fails for good goes to {@code oc.routing.events.v1.dlq} through the outbox, without holding
 * up the others.
 */
@ApplicationScoped
public class RoutingEventConsumer {

  private static final Logger LOG = Logger.getLogger(RoutingEventConsumer.class);

  @Inject RecordAssignment assignments;
  @Inject SendNoAgentReply noAgentReplies;
  @Inject OfferStore offers;
  @Inject SessionAnnouncements announcements;
  @Inject GracefulStop gracefulStop;
  @Inject TransientRetry retry;

  /** One routing event to apply, as read. */
  private record Decision(RoutingEvent event, ReceivedRecord record) {}

  private static boolean isSessionId(String id) {
    try {
      UUID.fromString(id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Incoming("routing")
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    return gracefulStop.handle(
        () -> {
          List<Decision> decisions = new ArrayList<>();
          List<RejectedRecord> unreadable = new ArrayList<>();
          for (ConsumerRecord<String, byte[]> record : records) {
            read(record, decisions, unreadable);
          }
          if (decisions.isEmpty() && unreadable.isEmpty()) {
            return Uni.createFrom().voidItem();
          }
          return retry
              .untilDone(
                  "Applying a batch of " + records.count() + " routing events",
                  () ->
                      Panache.withTransaction(
                          () -> deadLetterAll(unreadable).chain(() -> applyInOrder(decisions))))
              .onFailure(failure -> !gracefulStop.stopping())
              .recoverWithUni(
                  failure -> {
                    LOG.warnf(
                        "A batch of %d routing events failed (%s); applying them one by one",
                        records.count(), failure.getMessage());
                    return Batches.inOrder(
                            unreadable,
                            r ->
                                retry.untilDone(
                                    "Dead-lettering a routing record",
                                    () -> Panache.withTransaction(() -> deadLetter(r))))
                        .chain(() -> oneByOne(decisions));
                  })
              .invoke(announcements::flush)
              .replaceWithVoid();
        });
  }

  private static void read(
      ConsumerRecord<String, byte[]> record,
      List<Decision> decisions,
      List<RejectedRecord> unreadable) {
    ReceivedRecord received = ReceivedRecord.of(record);
    RoutingEvent event;
    try {
      event = KafkaRecords.readKnown(record, RoutingEvent.class);
    } catch (RuntimeException e) {
      unreadable.add(new RejectedRecord(received, e.getMessage()));
      return;
    }
    if (event == null) {
      // A newer routing-service's event: nothing this version has to do with it.
      LOG.debugf(
          "Skipped a routing event of a type this service does not know: %s",
          KafkaRecords.header(record, "ce_type"));
    } else if (!isSessionId(event.sessionId())) {
      // Every session of this service has a UUID: this one is not ours (the topic is shared
      // with other deployments' tests and simulators), and costs no transaction.
      LOG.debugf(
          "Routing event %s names session %s, not one of ours; ignored",
          event.id(), event.sessionId());
    } else if (event instanceof AgentAssigned
        || event instanceof OfferMade
        || event instanceof OfferExpired
        || event instanceof OfferWithdrawn
        || event instanceof NoAgentAvailable) {
      decisions.add(new Decision(event, received));
    }
  }

  /** Call in a transaction: the events' effects, in order. */
  private Uni<Void> applyInOrder(List<Decision> decisions) {
    return Batches.inOrder(decisions, d -> apply(d.event()));
  }

  private Uni<Boolean> apply(RoutingEvent event) {
    if (event instanceof AgentAssigned assigned) {
      return assignments.on(assigned);
    }
    if (event instanceof NoAgentAvailable none) {
      return noAgentReplies.on(none);
    }
    return offers.record(event);
  }

  private Uni<Void> oneByOne(List<Decision> decisions) {
    return Batches.inOrder(decisions, this::alone);
  }

  private Uni<Boolean> alone(Decision decision) {
    RoutingEvent event = decision.event();
    MDC.put("channelId", event.channelId());
    MDC.put("sessionId", event.sessionId());
    return retry
        .untilDone(
            "Applying routing event " + event.id(),
            () -> Panache.withTransaction(() -> apply(event)))
        .onFailure(failure -> !gracefulStop.stopping())
        .recoverWithUni(
            failure ->
                retry
                    .untilDone(
                        "Dead-lettering routing event " + event.id(),
                        () ->
                            Panache.withTransaction(
                                () ->
                                    deadLetter(
                                        new RejectedRecord(
                                            decision.record(), failure.getMessage()))))
                    .replaceWith(false))
        .eventually(
            () -> {
              MDC.remove("channelId");
              MDC.remove("sessionId");
            });
  }

  private Uni<Void> deadLetterAll(List<RejectedRecord> unreadable) {
    return Batches.inOrder(unreadable, this::deadLetter);
  }

  /** Call in a transaction: the record to its dead-letter topic, through the outbox. */
  private Uni<Void> deadLetter(RejectedRecord rejected) {
    ReceivedRecord record = rejected.record();
    LOG.warnf(
        "Routing record %s-%d@%d goes to the dead-letter topic: %s",
        record.topic(), record.partition(), record.offset(), rejected.reason());
    return announcements.deadLetter(record, rejected.reason());
  }
}
