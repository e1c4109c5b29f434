package dev.switchboard.routing.distribution.messaging;

import dev.switchboard.events.EventRegistry;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.events.session.SessionRated;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.messaging.CatchUp;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.routing.messaging.EventRecords;
import dev.switchboard.routing.messaging.StoppableHandling;
import dev.switchboard.routing.recovery.StateRecovery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * {@code oc.session.events.v1}: {@code SessionQueued} is distributed, {@code SessionClosed} frees
 * its agent (and withdraws its offer), {@code SessionTransferred} frees the previous agent and
 * gives the session to the named agent or the (target) channel's distribution. Records are handled
 * one after another, so one channel's events keep their order. Idempotent through the session's
 * state in Redis: a session waiting or assigned is not queued again, a closed one is not closed
 * twice.
 */
@ApplicationScoped
public class SessionEventsConsumer {

  private static final Logger LOG = Logger.getLogger(SessionEventsConsumer.class);

  @Inject Distributor distributor;
  @Inject CatchUp catchUp;
  @Inject ConsumerProgress progress;
  @Inject MeterRegistry meters;

  @Inject StoppableHandling handling;
  @Inject StateRecovery recovery;

  /** The types this consumer acts on; the others are skipped by their {@code ce_type} header. */
  private static final Set<String> HANDLED =
      Stream.of(
              SessionQueued.class,
              SessionClosed.class,
              SessionRated.class,
              SessionTransferred.class,
              AgentMessageSent.class,
              ClientMessageReceived.class)
          .map(EventRegistry::ceTypeOf)
          .collect(Collectors.toUnmodifiableSet());

  private Timer queuedHandling;

  @PostConstruct
  void meters() {
    queuedHandling =
        Timer.builder("routing.session.queued.handling")
            .description(
                "From a SessionQueued read to its decision made and handed to the producer"
                    + " (catch-up, the atomic Redis step; not Kafka's acknowledgement)")
            .publishPercentileHistogram()
            .register(meters);
  }

  @Incoming("session-events")
  @Blocking
  public Uni<Void> onSessionEvent(ConsumerRecord<String, byte[]> record) {
    return handling.run(
        () -> {
          try {
            String type = EventRecords.ceType(record);
            if (type != null && !HANDLED.contains(type)) {
              // Most of the topic (opened, assigned, accepted, ...): skipped before its JSON is
              // read. A type this version does not know (a newer producer's) is skipped as well.
              if (!EventRegistry.isKnown(type)) {
                LOG.debugf("Skipping a session event of unknown type %s", type);
              }
              return;
            }
            EventRecords.read(record, SessionEvent.class)
                .ifPresent(
                    event ->
                        handle(
                            event, new TopicPartition(record.topic(), record.partition()), record));
          } finally {
            progress.processed(record);
          }
        });
  }

  private void retrying(String what, Runnable work) {
    EventRecords.withRetries(what, work, handling::stopping);
  }

  private void handle(
      SessionEvent event, TopicPartition partition, ConsumerRecord<String, byte[]> record) {
    recovery.awaitIntact(handling::stopping);
    if (event instanceof AgentMessageSent sent) {
      retrying(
          "Answer in session " + sent.sessionId(),
          () ->
              distributor.messageInSession(
                  sent.sessionId(), sent.agentId(), true, sent.occurredAt()));
      return;
    }
    if (event instanceof ClientMessageReceived received) {
      retrying(
          "Client message in session " + received.sessionId(),
          () ->
              distributor.messageInSession(
                  received.sessionId(), null, false, received.occurredAt()));
      return;
    }
    if (!(event instanceof SessionQueued)
        && !(event instanceof SessionClosed)
        && !(event instanceof SessionRated)
        && !(event instanceof SessionTransferred)) {
      return;
    }
    MDC.put("channelId", event.channelId());
    MDC.put("sessionId", event.sessionId());
    try {
      if (event instanceof SessionQueued queued) {
        Timer.Sample handling = Timer.start(meters);
        catchUp.awaitConfigurationAndPresence(partition, record.offset());
        retrying(
            "Routing session " + queued.sessionId(),
            () -> {
              Distributor.QueueOutcome outcome =
                  distributor.sessionQueued(
                      queued.channelId(),
                      queued.sessionId(),
                      queued.id(),
                      queued.preferredAgentId());
              LOG.debugf("Session %s queued: %s", queued.sessionId(), outcome);
            });
        handling.stop(queuedHandling);
      } else if (event instanceof SessionTransferred transferred) {
        catchUp.awaitConfigurationAndPresence();
        retrying(
            "Transferring session " + transferred.sessionId(),
            () -> {
              Distributor.QueueOutcome outcome =
                  distributor.sessionTransferred(
                      transferred.channelId(),
                      transferred.sessionId(),
                      transferred.toAgentId(),
                      transferred.toChannelId(),
                      transferred.id());
              LOG.infof(
                  "Session %s transferred from %s: %s",
                  transferred.sessionId(), transferred.fromAgentId(), outcome);
            });
      } else if (event instanceof SessionClosed closed) {
        // Q7c: a close awaiting a rating may keep the agent's place until SessionRated, the final
        // SessionClosed or the end of the wait (RoutingTimers).
        retrying(
            "Closing session " + closed.sessionId(),
            () ->
                distributor.sessionClosed(
                    closed.channelId(), closed.sessionId(), closed.awaitingRatingUntil()));
      } else if (event instanceof SessionRated rated) {
        retrying(
            "Rating of session " + rated.sessionId(),
            () -> distributor.sessionRated(rated.channelId(), rated.sessionId()));
      }
    } finally {
      MDC.remove("channelId");
      MDC.remove("sessionId");
    }
  }
}
