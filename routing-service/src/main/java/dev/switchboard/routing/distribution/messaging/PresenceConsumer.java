package dev.switchboard.routing.distribution.messaging;

import dev.switchboard.events.presence.AgentPresenceChanged;
import dev.switchboard.routing.distribution.domain.Distributor;
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
import org.jboss.logging.MDC;

/**
 * {@code oc.presence.v1}: keeps each agent's presence in Redis (the latest change wins, so a
 * repeated record changes nothing) and gives an agent who comes online the sessions waiting in the
 * channels whose queue holds them.
 */
@ApplicationScoped
public class PresenceConsumer {

  @Inject Distributor distributor;
  @Inject ConsumerProgress progress;
  @Inject StoppableHandling handling;
  @Inject StateRecovery recovery;

  @Incoming("presence")
  @Blocking
  public Uni<Void> onPresence(ConsumerRecord<String, byte[]> record) {
    return handling.run(
        () -> {
          try {
            EventRecords.read(record, AgentPresenceChanged.class).ifPresent(this::handle);
          } finally {
            progress.processed(record);
          }
        });
  }

  private void handle(AgentPresenceChanged change) {
    MDC.put("agentId", change.agentId());
    try {
      recovery.awaitIntact(handling::stopping);
      EventRecords.withRetries(
          "Presence of " + change.agentId(),
          () ->
              distributor.presenceChanged(
                  change.agentId(), change.status(), change.clockedIn(), change.occurredAt()),
          handling::stopping);
    } finally {
      MDC.remove("agentId");
    }
  }
}
