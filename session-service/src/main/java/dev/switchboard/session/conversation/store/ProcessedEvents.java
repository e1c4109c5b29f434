package dev.switchboard.session.conversation.store;

import dev.switchboard.session.conversation.domain.SessionIds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The idempotent consumers' memory: an event id is recorded in the same transaction as its effects,
 * so a redelivered event finds it and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

  private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);

  /** The consumer of oc.inbound.messages.v1. */
  public static final String INBOUND = "inbound";

  /** The consumer of oc.routing.events.v1. */
  public static final String ROUTING = "routing";

  /**
   * Records the event as handled by {@code consumer}; false when it already was (skip it). Call in
   * the transaction of the event's effects.
   */
  public Uni<Boolean> firstTime(String consumer, String eventId) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO processed_event (consumer, event_id) VALUES (:consumer,"
                            + " :eventId) ON CONFLICT DO NOTHING")
                    .setParameter("consumer", consumer)
                    .setParameter("eventId", eventId)
                    .executeUpdate())
        .map(rows -> rows > 0);
  }

  /**
   * {@link #firstTime} for an event about a session: the session's id when the event is new here
   * and names a session id this service could have; null when it was seen before or names none.
   */
  public Uni<UUID> firstTimeForSession(String consumer, String eventId, String sessionId) {
    return firstTime(consumer, eventId)
        .map(
            first -> {
              UUID id = first ? SessionIds.parse(sessionId) : null;
              if (id == null) {
                LOG.debugf("Event %s seen before or names no session of ours; skipped", eventId);
              }
              return id;
            });
  }
}
