package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.domain.SessionIds;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.domain.SessionStateConflict;
import dev.switchboard.session.conversation.routing.RoutingOffers;
import dev.switchboard.session.conversation.store.OfferEntity;
import dev.switchboard.session.conversation.store.OfferStore;
import dev.switchboard.session.conversation.store.SessionRepository;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Q3, "the agent who answers the client takes the offer": before an agent's reply is stored, an
 * open STRICT_ORDER offer of the QUEUED session they hold is taken from routing-service, the
 * arbiter ({@link RoutingOffers#accept}, with the caller's own {@code authorization}), without
 * holding the session's lock while asking. An open ALL offer must be accepted first (Q4, the first
 * to accept takes it).
 */
@ApplicationScoped
public class TakeOfferByReplying {

  /** The distribution mode in which an agent's answer takes the offer (Q3). */
  private static final String STRICT_ORDER = DistributionMode.STRICT_ORDER.name();

  @Inject SessionRepository sessions;
  @Inject OfferStore offers;
  @Inject DirectoryStore directory;
  @Inject RoutingOffers routingOffers;

  /**
   * The offer id routing-service gave the caller; null when the reply takes no offer (the session
   * is theirs, or they hold none: the reply's own checks then decide).
   */
  public Uni<String> take(String sessionId, Caller caller, String authorization) {
    return Panache.withSession(() -> offerTheReplyTakes(sessionId, caller))
        .flatMap(
            offer ->
                offer == null
                    ? Uni.createFrom().<String>nullItem()
                    : routingOffers.accept(sessionId, caller.id(), authorization));
  }

  /**
   * The caller's open STRICT_ORDER offer that their reply would take, read without a lock. An open
   * offer of another mode (ALL) is a 409: accept it first.
   */
  private Uni<OfferEntity> offerTheReplyTakes(String sessionId, Caller caller) {
    UUID id = SessionIds.parse(sessionId);
    if (id == null) {
      return Uni.createFrom().nullItem();
    }
    return sessions
        .find(id)
        .flatMap(
            session -> {
              if (session == null
                  || session.state != SessionState.QUEUED
                  || caller.id().equals(session.assignedAgentId)) {
                return Uni.createFrom().nullItem();
              }
              return offers
                  .openOffersOf(caller.id(), List.of(session.id))
                  .map(open -> open.get(session.id))
                  .call(
                      offer -> {
                        if (offer == null) {
                          return Uni.createFrom().voidItem();
                        }
                        if (!STRICT_ORDER.equals(offer.distributionMode)) {
                          throw new SessionStateConflict(
                              session.state,
                              "Session "
                                  + sessionId
                                  + " is offered to you ("
                                  + offer.distributionMode
                                  + "): accept the offer first (POST /api/v1/sessions/"
                                  + sessionId
                                  + "/accept), then answer");
                        }
                        // An inactive channel refuses the reply anyway: do not take the offer.
                        return directory
                            .channel(session.channelId)
                            .invoke(
                                channel ->
                                    session.state.requireChannelAnswers(
                                        channel != null && !channel.active));
                      });
            });
  }
}
