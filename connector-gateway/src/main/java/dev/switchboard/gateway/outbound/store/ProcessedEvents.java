package dev.switchboard.gateway.outbound.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The ids of events a consumer has handled (table {@code processed_event}). */
@ApplicationScoped
public class ProcessedEvents {

  @Inject Pool pool;

  public Uni<Boolean> contains(String consumer, String eventId) {
    return pool.preparedQuery("SELECT 1 FROM processed_event WHERE consumer = $1 AND event_id = $2")
        .execute(Tuple.of(consumer, eventId))
        .map(rows -> rows.size() > 0);
  }

  public Uni<Void> add(String consumer, String eventId) {
    return pool.preparedQuery(
            "INSERT INTO processed_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(consumer, eventId))
        .replaceWithVoid();
  }
}
