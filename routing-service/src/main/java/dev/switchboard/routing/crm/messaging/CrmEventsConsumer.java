package dev.switchboard.routing.crm.messaging;

import dev.switchboard.events.crm.ClientRecognised;
import dev.switchboard.events.crm.CrmEvent;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.messaging.CatchUp;
import dev.switchboard.routing.messaging.ConsumerProgress;
import dev.switchboard.routing.messaging.EventRecords;
import dev.switchboard.routing.messaging.StoppableHandling;
import dev.switchboard.routing.recovery.StateRecovery;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code oc.crm.events.v1}: {@code ClientRecognised} with a responsible person gives a waiting
 * session to that person when the channel asks for it (Q14). Idempotent: only a session still
 * waiting is moved, and the move is the same atomic reservation as any assignment.
 */
@ApplicationScoped
public class CrmEventsConsumer {

  private static final Logger LOG = Logger.getLogger(CrmEventsConsumer.class);

  @Inject Distributor distributor;
  @Inject CatchUp catchUp;
  @Inject ConsumerProgress progress;
  @Inject StateRecovery recovery;
  @Inject StoppableHandling handling;

  @Incoming("crm-events")
  @Blocking
  public Uni<Void> onCrmEvent(ConsumerRecord<String, byte[]> record) {
    return handling.run(
        () -> {
          try {
            EventRecords.read(record, CrmEvent.class)
                .filter(ClientRecognised.class::isInstance)
                .map(ClientRecognised.class::cast)
                .filter(recognised -> recognised.responsibleAgentId() != null)
                .ifPresent(this::handle);
          } finally {
            progress.processed(record);
          }
        });
  }

  private void handle(ClientRecognised recognised) {
    recovery.awaitIntact(handling::stopping);
    catchUp.awaitConfigurationAndPresence();
    EventRecords.withRetries(
        "Giving session " + recognised.sessionId() + " to its responsible person",
        () -> {
          boolean assigned =
              distributor.clientRecognised(
                  recognised.channelId(), recognised.sessionId(), recognised.responsibleAgentId());
          LOG.debugf(
              "Client of session %s recognised, responsible %s: %s",
              recognised.sessionId(),
              recognised.responsibleAgentId(),
              assigned ? "assigned" : "left to the distribution");
        },
        handling::stopping);
  }
}
