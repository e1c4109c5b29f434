package dev.switchboard.session.history.usecase;

import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.store.SessionDetailsReader;
import dev.switchboard.session.conversation.usecase.SessionGuard;
import dev.switchboard.session.rating.store.RatingQueries;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * One session with its rating (R1-R3), for whoever may read its messages ({@link
 * SessionGuard#readable}: its agent, the agents of its channel's queue or holding an offer of it,
 * supervisors, administrators, its chatbot while it has it).
 */
@ApplicationScoped
public class OneSession {

  @Inject SessionGuard guard;
  @Inject SessionDetailsReader details;
  @Inject RatingQueries ratings;

  public Uni<SessionOverview> of(String sessionId, Caller caller) {
    return Panache.withSession(
            () ->
                guard
                    .readable(sessionId, caller)
                    .flatMap(session -> details.of(List.of(session)))
                    .map(found -> found.get(0)))
        .flatMap(
            found ->
                ratings.of(found.session().id).map(rating -> new SessionOverview(found, rating)));
  }
}
