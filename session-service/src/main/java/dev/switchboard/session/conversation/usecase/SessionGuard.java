package dev.switchboard.session.conversation.usecase;

import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.domain.SessionAccess;
import dev.switchboard.session.conversation.domain.SessionIds;
import dev.switchboard.session.conversation.domain.SessionNotFound;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.store.OfferStore;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.conversation.store.SessionRepository;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.function.Function;

/**
 * Finds the session a REST caller names, and answers as for an unknown session ({@link
 * SessionNotFound}) when the caller may not know it exists ({@link SessionAccess#mayKnow}).
 */
@ApplicationScoped
public class SessionGuard {

  @Inject SessionRepository sessions;
  @Inject DirectoryStore directory;
  @Inject OfferStore offers;
  @Inject SessionAnnouncements announcements;

  /**
   * A caller's command on a session: one transaction, the session locked and known to the caller
   * ({@link #lockedFor}); what the command announced is published once the transaction commits.
   */
  public <T> Uni<T> command(
      String sessionId, Caller caller, Function<SessionEntity, Uni<? extends T>> change) {
    return Panache.withTransaction(() -> lockedFor(sessionId, caller).<T>flatMap(change))
        .invoke(announcements::flush);
  }

  /** The session, locked for this transaction; {@link SessionNotFound} when there is none. */
  public Uni<SessionEntity> locked(String sessionId) {
    return found(sessionId, sessions::locked);
  }

  /** The session, locked for this transaction, when the caller may know it exists. */
  public Uni<SessionEntity> lockedFor(String sessionId, Caller caller) {
    return locked(sessionId).flatMap(session -> knownTo(session, caller));
  }

  /**
   * The session, unlocked, when the caller may read it; a bot reads only the sessions it handles
   * now ({@link AccessDenied} once it handed one over).
   */
  public Uni<SessionEntity> readable(String sessionId, Caller caller) {
    return found(sessionId, sessions::find)
        .flatMap(session -> knownTo(session, caller))
        .invoke(
            session -> {
              if (caller.bot()
                  && !SessionAccess.isHandlingBot(caller, session.state, session.botId)) {
                throw new AccessDenied("A bot reads only the sessions it handles (state BOT)");
              }
            });
  }

  /**
   * The session, when the caller may know it exists ({@link SessionAccess#mayKnow}); else {@link
   * SessionNotFound}, the very answer an unknown id gets.
   */
  public Uni<SessionEntity> knownTo(SessionEntity session, Caller caller) {
    if (caller.seesEveryChannel() || caller.bot() || caller.id().equals(session.assignedAgentId)) {
      return known(session, caller, false, false);
    }
    return directory
        .queueHolds(session.channelId, caller.id())
        .flatMap(
            inQueue ->
                inQueue
                    ? known(session, caller, true, false)
                    : offers
                        .holdsOpenOffer(session.id, caller.id())
                        .flatMap(offered -> known(session, caller, false, offered)));
  }

  private static Uni<SessionEntity> known(
      SessionEntity session, Caller caller, boolean inQueue, boolean offered) {
    if (!SessionAccess.mayKnow(caller, session.assignedAgentId, session.botId, inQueue, offered)) {
      return Uni.createFrom().failure(new SessionNotFound("Session " + session.id));
    }
    return Uni.createFrom().item(session);
  }

  private static Uni<SessionEntity> found(
      String sessionId, Function<UUID, Uni<SessionEntity>> find) {
    UUID id = SessionIds.parse(sessionId);
    if (id == null) {
      return Uni.createFrom().failure(new SessionNotFound("Session " + sessionId));
    }
    return find.apply(id)
        .map(
            session -> {
              if (session == null) {
                throw new SessionNotFound("Session " + sessionId);
              }
              return session;
            });
  }
}
