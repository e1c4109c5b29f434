package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.RatingRepository;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.directory.store.DirectoryStore;
import dev.switchboard.session.lifecycle.domain.ClientAnswers;
import dev.switchboard.session.timers.SessionTimers;
import dev.switchboard.session.timers.TimerKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * A client's message to a session awaiting its rating (A6), after the message is stored: a rating
 * (a button, or 1-5 typed, {@link ClientAnswers#rating}) is recorded for the session's agent
 * ({@code SessionRated}, R1, R3) and, with R2, closes the session for good; anything else re-opens
 * the session: it waits for an agent again ({@code SessionQueued(REOPENED)}). Runs in the caller's
 * transaction, with the session locked.
 */
@ApplicationScoped
public class ReceiveRating {

  private static final Logger LOG = Logger.getLogger(ReceiveRating.class);

  @Inject RatingRepository ratings;
  @Inject DirectoryStore directory;
  @Inject SessionAnnouncements announcements;
  @Inject SessionTimers timers;
  @Inject RatingWaitEnds ratingWait;
  @Inject Clock clock;

  public Uni<Void> messageWhileAwaitingRating(
      SessionEntity session, String text, String buttonValue) {
    OptionalInt score = ClientAnswers.rating(text, buttonValue);
    if (score.isEmpty()) {
      return reopen(session);
    }
    Instant now = clock.instant();
    return ratings
        .recordFirst(session, score.getAsInt(), null, now)
        .flatMap(
            first -> {
              if (!first) {
                return Uni.createFrom().voidItem();
              }
              LOG.infof(
                  "Session %s rated %d for agent %s",
                  session.id, score.getAsInt(), session.assignedAgentId);
              return announcements
                  .announce(SessionEvents.rated(session, score.getAsInt(), null, now))
                  .chain(() -> directory.channel(session.channelId))
                  .flatMap(
                      channel -> {
                        ChannelSections settings =
                            channel == null ? ChannelSections.DEFAULTS : channel.settings();
                        if (!Boolean.TRUE.equals(settings.quality().closeOnRating())) {
                          return Uni.createFrom().voidItem();
                        }
                        return timers
                            .cancel(TimerKind.RATING_WAIT, session.id)
                            .chain(
                                () ->
                                    ratingWait.closeForGood(
                                        session, ClosedBy.CLIENT, CloseReason.RATING_RECEIVED));
                      });
            });
  }

  /**
   * The client wrote again instead of rating: the conversation goes on, with whichever agent
   * routing finds (TODO issue 13: prefer the agent who had it, "same agent, if available").
   */
  private Uni<Void> reopen(SessionEntity session) {
    Instant now = clock.instant();
    session.moveTo(SessionState.QUEUED);
    session.closedAt = null;
    session.awaitingRatingUntil = null;
    session.assignedAgentId = null;
    LOG.infof("Session %s of channel %s re-opened by the client", session.id, session.channelId);
    return timers
        .cancel(TimerKind.RATING_WAIT, session.id)
        .chain(
            () -> announcements.announce(SessionEvents.queued(session, QueueReason.REOPENED, now)));
  }
}
