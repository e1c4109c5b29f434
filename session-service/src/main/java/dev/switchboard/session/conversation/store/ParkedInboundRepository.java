package dev.switchboard.session.conversation.store;

import dev.switchboard.events.inbound.InboundMessageReceived;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/** Inbound records that wait for their connector; every method runs in the caller's session. */
@ApplicationScoped
public class ParkedInboundRepository {

  /** Whether older messages of the connector wait to be replayed. */
  public Uni<Boolean> anyOf(String connectorId) {
    return ParkedInboundEntity.count("connectorId", connectorId).map(waiting -> waiting > 0);
  }

  /** Parks the record as read, once per event id. */
  public Uni<Void> park(InboundMessageReceived event, ReceivedRecord record, Instant now) {
    return ParkedInboundEntity.count("eventId", event.id())
        .flatMap(
            already -> {
              if (already > 0) {
                return Uni.createFrom().voidItem();
              }
              ParkedInboundEntity parked = new ParkedInboundEntity();
              parked.eventId = event.id();
              parked.connectorId = event.connectorId();
              parked.recordKey = record.key();
              parked.headers =
                  new JsonObject(Map.<String, Object>copyOf(record.headers())).encode();
              parked.payload = record.payload();
              parked.sourceTopic = record.topic();
              parked.sourcePartition = record.partition();
              parked.sourceOffset = record.offset();
              parked.parkedAt = now;
              return parked.persist().replaceWithVoid();
            });
  }
}
