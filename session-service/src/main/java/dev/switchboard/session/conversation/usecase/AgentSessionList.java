package dev.switchboard.session.conversation.usecase;

import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.store.OfferStore;
import dev.switchboard.session.conversation.store.SessionDetails;
import dev.switchboard.session.conversation.store.SessionDetailsReader;
import dev.switchboard.session.conversation.store.SessionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * An agent's list: their open sessions (assigned to them) and the waiting sessions offered to them
 * (an open offer), oldest first; an offered one carries its offer.
 */
@ApplicationScoped
public class AgentSessionList {

  @Inject SessionRepository sessions;
  @Inject SessionDetailsReader details;
  @Inject OfferStore offers;

  /** After the cursor's sequence, at most {@code limit}. */
  public Uni<List<SessionDetails>> of(String agentId, long afterSeq, int limit) {
    return Panache.withSession(
        () ->
            sessions
                .assignedOrOfferedTo(agentId, afterSeq, limit)
                .flatMap(details::of)
                .flatMap(found -> withOffers(agentId, found)));
  }

  private Uni<List<SessionDetails>> withOffers(String agentId, List<SessionDetails> found) {
    List<UUID> waiting =
        found.stream()
            .filter(d -> d.session().state == SessionState.QUEUED)
            .map(d -> d.session().id)
            .toList();
    return offers
        .openOffersOf(agentId, waiting)
        .map(open -> found.stream().map(d -> d.withOffer(open.get(d.session().id))).toList());
  }
}
