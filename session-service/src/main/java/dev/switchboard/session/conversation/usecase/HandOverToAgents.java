package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.domain.SessionAccess;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.domain.SessionStateConflict;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.Handover;
import dev.switchboard.session.conversation.store.SessionEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The chatbot hands the session over to people (B1): the session waits for an agent (QUEUED) and
 * {@code SessionQueued(BOT_HANDOVER)} goes out in the same transaction; routing-service distributes
 * it as it does a new session.
 */
@ApplicationScoped
public class HandOverToAgents {

  private static final Logger LOG = Logger.getLogger(HandOverToAgents.class);

  @Inject SessionGuard guard;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  /**
   * By the session's bot, a supervisor or an administrator (else {@link AccessDenied}); only a
   * session still with the bot (else {@link SessionStateConflict}).
   */
  public Uni<Handover> byCaller(String sessionId, Caller caller) {
    return guard.command(
        sessionId,
        caller,
        session -> {
          if (!SessionAccess.mayHandOver(caller, session.botId)) {
            throw new AccessDenied(
                "Only the session's bot, a supervisor or an administrator hands it over");
          }
          return handOver(session, caller.id());
        });
  }

  /**
   * The handover itself, in the caller's transaction with the session locked. Shared by the REST
   * handover and a client who writes one of the channel's handover keywords (B1, "on the client's
   * request").
   *
   * @param handedOverBy who asked: the bot, a supervisor or administrator, or the client
   * @throws SessionStateConflict when the session is not with the bot
   */
  public Uni<Handover> handOver(SessionEntity session, String handedOverBy) {
    session.state.requireHandoverable();
    session.moveTo(SessionState.QUEUED);
    SessionQueued queued = SessionEvents.queued(session, QueueReason.BOT_HANDOVER, clock.instant());
    return announcements
        .announce(queued)
        .invoke(
            () ->
                LOG.infof(
                    "Session %s of channel %s handed over by %s (bot %s)",
                    session.id, session.channelId, handedOverBy, session.botId))
        .replaceWith(new Handover(session, handedOverBy, queued.id()));
  }
}
