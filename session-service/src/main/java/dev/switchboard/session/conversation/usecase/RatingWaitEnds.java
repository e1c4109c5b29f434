package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.conversation.store.SessionRepository;
import dev.switchboard.session.timers.TimerHandler;
import dev.switchboard.session.timers.TimerKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A6: the rating wait is over and no rating closed the session (R2) nor did the client re-open it:
 * the session is closed for good ({@code SessionClosed(SYSTEM, RATING_WAIT_EXPIRED)}, which also
 * frees the agent's place routing held for it, Q7c). A wake-up: a session that moved on meanwhile
 * is left as it is.
 */
@ApplicationScoped
public class RatingWaitEnds implements TimerHandler {

  private static final Logger LOG = Logger.getLogger(RatingWaitEnds.class);

  @Inject SessionRepository sessions;
  @Inject SessionAnnouncements announcements;
  @Inject ForgetMessagesIfNotKept history;
  @Inject Clock clock;

  @Override
  public TimerKind kind() {
    return TimerKind.RATING_WAIT;
  }

  @Override
  public Uni<Void> fire(UUID sessionId, java.time.Instant dueAt) {
    return sessions
        .locked(sessionId)
        .flatMap(
            session -> {
              if (session == null || session.state != SessionState.CLOSED_AWAITING_RATING) {
                return Uni.createFrom().voidItem();
              }
              return closeForGood(session, ClosedBy.SYSTEM, CloseReason.RATING_WAIT_EXPIRED);
            });
  }

  /** Closes a session awaiting its rating for good, for {@code reason}. */
  Uni<Void> closeForGood(SessionEntity session, ClosedBy closedBy, CloseReason reason) {
    session.moveTo(SessionState.CLOSED);
    session.awaitingRatingUntil = null;
    session.closedAt = clock.instant();
    LOG.infof(
        "Session %s of channel %s closed for good: %s", session.id, session.channelId, reason);
    return announcements
        .announce(SessionEvents.closed(session, closedBy, null, reason))
        .chain(() -> history.afterFinalClose(session));
  }
}
