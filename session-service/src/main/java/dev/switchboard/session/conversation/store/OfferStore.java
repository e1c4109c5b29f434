package dev.switchboard.session.conversation.store;

import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.session.conversation.domain.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This service's copy of routing-service's open offers (issue 5), one row per offer and agent.
 * Every method runs in the caller's transaction. Settling is order-proof: a settlement seen before
 * its offer leaves a closed row, and an offer never reopens.
 */
@ApplicationScoped
public class OfferStore {

  private static final Logger LOG = Logger.getLogger(OfferStore.class);

  /** Why an offer row was closed by this service rather than by a routing event. */
  public static final String ASSIGNED = "ASSIGNED";

  public static final String TRANSFERRED = "TRANSFERRED";
  public static final String CLOSED = "CLOSED";
  public static final String EXPIRED = "EXPIRED";
  public static final String SESSION_NOT_QUEUED = "SESSION_NOT_QUEUED";

  @Inject ProcessedEvents processed;

  /**
   * Records an {@code OfferMade}, {@code OfferExpired} or {@code OfferWithdrawn} once (its id in
   * {@code processed_event}), in the caller's transaction; false when it was seen before or names
   * no session id this service could have.
   */
  public Uni<Boolean> record(RoutingEvent event) {
    return processed
        .firstTimeForSession(ProcessedEvents.ROUTING, event.id(), event.sessionId())
        .flatMap(
            sessionId ->
                sessionId == null
                    ? Uni.createFrom().item(false)
                    : SessionEntity.<SessionEntity>findById(sessionId)
                        .flatMap(
                            session -> {
                              if (session == null) {
                                LOG.debugf(
                                    "Routing event %s names session %s, which this service does"
                                        + " not have; ignored",
                                    event.id(), sessionId);
                                return Uni.createFrom().item(false);
                              }
                              return apply(event, session);
                            }));
  }

  private Uni<Boolean> apply(RoutingEvent event, SessionEntity session) {
    UUID sessionId = session.id;
    Uni<Void> done;
    if (event instanceof OfferMade made) {
      done =
          offered(
              made.offerId(),
              sessionId,
              made.channelId(),
              made.agentIds(),
              made.distributionMode().name(),
              made.expiresAt(),
              made.occurredAt(),
              session.state);
    } else if (event instanceof OfferExpired expired) {
      done =
          settled(
              expired.offerId(),
              sessionId,
              expired.channelId(),
              expired.agentIds(),
              EXPIRED,
              expired.occurredAt());
    } else if (event instanceof OfferWithdrawn withdrawn) {
      done =
          settled(
              withdrawn.offerId(),
              sessionId,
              withdrawn.channelId(),
              withdrawn.agentIds(),
              withdrawn.reason().name(),
              withdrawn.occurredAt());
    } else {
      return Uni.createFrom().item(false);
    }
    return done.replaceWith(true);
  }

  /**
   * OfferMade: an open row per agent; a row that already exists (redelivered, or settled before it
   * arrived) is left as it is. An offer for a session that is no longer waiting is stored closed.
   */
  private Uni<Void> offered(
      String offerId,
      UUID sessionId,
      String channelId,
      List<String> agentIds,
      String distributionMode,
      Instant expiresAt,
      Instant offeredAt,
      SessionState state) {
    boolean waiting = state == SessionState.QUEUED;
    if (!waiting) {
      LOG.infof(
          "Offer %s of session %s stored as settled: the session is %s", offerId, sessionId, state);
    }
    Uni<Void> done = Uni.createFrom().voidItem();
    for (String agentId : agentIds.stream().distinct().toList()) {
      done =
          done.call(
              () ->
                  row(offerId, agentId)
                      .flatMap(
                          existing -> {
                            if (existing != null) {
                              return Uni.createFrom().voidItem();
                            }
                            OfferEntity offer = newRow(offerId, agentId, sessionId, channelId);
                            offer.distributionMode = distributionMode;
                            offer.expiresAt = expiresAt;
                            offer.offeredAt = offeredAt;
                            if (!waiting) {
                              offer.closedAt = offeredAt;
                              offer.closeReason = SESSION_NOT_QUEUED;
                            }
                            return offer.persist().replaceWithVoid();
                          }));
    }
    return done;
  }

  /**
   * OfferExpired or OfferWithdrawn: the named agents' rows close (created closed when the offer was
   * not seen); no agents named means every agent of the offer.
   */
  private Uni<Void> settled(
      String offerId,
      UUID sessionId,
      String channelId,
      List<String> agentIds,
      String reason,
      Instant at) {
    if (agentIds.isEmpty()) {
      return OfferEntity.update(
              "closedAt = ?1, closeReason = ?2 where offerId = ?3 and closedAt is null",
              at,
              reason,
              offerId)
          .replaceWithVoid();
    }
    Uni<Void> done = Uni.createFrom().voidItem();
    for (String agentId : agentIds.stream().distinct().toList()) {
      done =
          done.call(
              () ->
                  row(offerId, agentId)
                      .flatMap(
                          existing -> {
                            OfferEntity offer =
                                existing != null
                                    ? existing
                                    : newRow(offerId, agentId, sessionId, channelId);
                            if (offer.closedAt == null) {
                              offer.closedAt = at;
                              offer.closeReason = reason;
                            }
                            return existing != null
                                ? Uni.createFrom().voidItem()
                                : offer.persist().replaceWithVoid();
                          }));
    }
    return done;
  }

  /** Every open offer of the session closes: it was assigned, transferred or closed. */
  public Uni<Void> closeAllOf(UUID sessionId, String reason, Instant at) {
    return OfferEntity.update(
            "closedAt = ?1, closeReason = ?2 where sessionId = ?3 and closedAt is null",
            at,
            reason,
            sessionId)
        .invoke(
            closed -> {
              if (closed > 0) {
                LOG.debugf("%d open offers of session %s closed: %s", closed, sessionId, reason);
              }
            })
        .replaceWithVoid();
  }

  /** Whether the agent holds an open offer of the session. */
  public Uni<Boolean> holdsOpenOffer(UUID sessionId, String agentId) {
    return OfferEntity.count(
            "sessionId = ?1 and agentId = ?2 and closedAt is null", sessionId, agentId)
        .map(count -> count > 0);
  }

  /** The agent's open offers of these sessions, the newest per session. */
  public Uni<Map<UUID, OfferEntity>> openOffersOf(String agentId, List<UUID> sessionIds) {
    if (sessionIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return OfferEntity.<OfferEntity>list(
            "agentId = ?1 and sessionId in ?2 and closedAt is null", agentId, sessionIds)
        .map(
            offers -> {
              Map<UUID, OfferEntity> newest = new HashMap<>();
              for (OfferEntity offer : offers) {
                newest.merge(offer.sessionId, offer, OfferStore::newer);
              }
              return newest;
            });
  }

  private static OfferEntity newer(OfferEntity a, OfferEntity b) {
    if (a.offeredAt == null) {
      return b;
    }
    return b.offeredAt != null && b.offeredAt.isAfter(a.offeredAt) ? b : a;
  }

  private static Uni<OfferEntity> row(String offerId, String agentId) {
    return OfferEntity.<OfferEntity>find("offerId = ?1 and agentId = ?2", offerId, agentId)
        .firstResult();
  }

  private static OfferEntity newRow(
      String offerId, String agentId, UUID sessionId, String channelId) {
    OfferEntity offer = new OfferEntity();
    offer.id = UUID.randomUUID();
    offer.offerId = offerId;
    offer.agentId = agentId;
    offer.sessionId = sessionId;
    offer.channelId = channelId;
    return offer;
  }
}
