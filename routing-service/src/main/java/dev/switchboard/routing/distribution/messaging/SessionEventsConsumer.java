package dev.switchboard.routing.distribution.messaging;

import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.messaging.CatchUp;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.routing.messaging.EventRecords;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * {@code oc.session.events.v1}: {@code SessionQueued} is distributed, {@code SessionClosed} frees
 * its agent. Records are handled one after another, so one channel's events keep their order.
 * Idempotent through the session's state in Redis: a session waiting or assigned is not queued
 * again, a closed one is not closed twice.
 */
@ApplicationScoped
public class SessionEventsConsumer {

  private static final Logger LOG = Logger.getLogger(SessionEventsConsumer.class);

  @Inject Distributor distributor;
  @Inject CatchUp catchUp;
  @Inject ConsumerProgress progress;

  @Incoming("session-events")
  @Blocking
  public void onSessionEvent(ConsumerRecord<String, byte[]> record) {
    try {
      EventRecords.read(record, SessionEvent.class).ifPresent(this::handle);
    } finally {
      progress.processed(record);
    }
  }

  private void handle(SessionEvent event) {
    if (!(event instanceof SessionQueued) && !(event instanceof SessionClosed)) {
      return;
    }
    MDC.put("channelId", event.channelId());
    MDC.put("sessionId", event.sessionId());
    try {
      if (event instanceof SessionQueued queued) {
        catchUp.awaitConfigurationAndPresence();
        EventRecords.withRetries(
            "Routing session " + queued.sessionId(),
            () -> {
              Distributor.QueueOutcome outcome =
                  distributor.sessionQueued(queued.channelId(), queued.sessionId(), queued.id());
              LOG.debugf("Session %s queued: %s", queued.sessionId(), outcome);
            });
      } else if (event instanceof SessionClosed closed) {
        EventRecords.withRetries(
            "Closing session " + closed.sessionId(),
            () -> distributor.sessionClosed(closed.channelId(), closed.sessionId()));
      }
    } finally {
      MDC.remove("channelId");
      MDC.remove("sessionId");
    }
  }
}
