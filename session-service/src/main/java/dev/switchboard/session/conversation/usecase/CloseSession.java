package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.domain.SessionAccess;
import dev.switchboard.session.conversation.domain.SessionStateConflict;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.OfferStore;
import dev.switchboard.session.conversation.store.SessionDetails;
import dev.switchboard.session.conversation.store.SessionDetailsReader;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.directory.store.DirectoryStore;
import dev.switchboard.session.lifecycle.domain.SessionClosing;
import dev.switchboard.session.timers.SessionTimers;
import dev.switchboard.session.timers.TimerKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Closes the session (first-conversation step 7): by its agent (closedBy AGENT) or by a supervisor
 * or administrator (SUPERVISOR), reason MANUAL. A session with the bot is closed by its own bot
 * (BOT, B2: the bot answered everything; {@code closedByUserId} is the bot's id), a supervisor or
 * an administrator; the bot only while the session is with it (after its handover the session is
 * people's: {@link SessionStateConflict}).
 */
@ApplicationScoped
public class CloseSession {

  private static final Logger LOG = Logger.getLogger(CloseSession.class);

  @Inject SessionGuard guard;
  @Inject OfferStore offers;
  @Inject SessionDetailsReader details;
  @Inject SessionAnnouncements announcements;
  @Inject DirectoryStore directory;
  @Inject AutomaticTexts texts;
  @Inject SessionTimers timers;
  @Inject ForgetMessagesIfNotKept history;
  @Inject Clock clock;

  /** The closed session as the lists show it. */
  public Uni<SessionDetails> close(String sessionId, Caller caller) {
    return guard.command(
        sessionId,
        caller,
        session ->
            close(session, caller)
                .flatMap(closed -> details.of(List.of(closed)))
                .map(list -> list.get(0)));
  }

  private Uni<SessionEntity> close(SessionEntity session, Caller caller) {
    ClosedBy closedBy = SessionAccess.closingAs(caller, session.assignedAgentId, session.botId);
    if (closedBy == null) {
      throw new AccessDenied(
          caller.bot()
              ? "A bot closes only the sessions it handles"
              : "Only the session's agent, a supervisor or an administrator closes it");
    }
    if (closedBy == ClosedBy.BOT) {
      session.state.requireWithTheBot();
    }
    boolean hadAgent = session.state.hasAgent();
    Instant now = clock.instant();
    return directory
        .channel(session.channelId)
        .flatMap(
            channel ->
                close(
                    session,
                    closedBy,
                    caller,
                    SessionClosing.of(
                        channel == null ? ChannelSections.DEFAULTS : channel.settings(),
                        hadAgent,
                        now),
                    now));
  }

  /**
   * A5, R1, A6: the closing text, then the rating request; the session waits for the rating until
   * the timer ends the wait ({@link RatingWaitEnds}), or is closed for good at once.
   */
  private Uni<SessionEntity> close(
      SessionEntity session,
      ClosedBy closedBy,
      Caller caller,
      SessionClosing closing,
      Instant now) {
    session.moveTo(closing.next());
    session.closedAt = now;
    session.awaitingRatingUntil = closing.awaitingRatingUntil();
    return offers
        .closeAllOf(session.id, OfferStore.CLOSED, session.closedAt)
        .call(
            () ->
                announcements.announce(
                    SessionEvents.closed(session, closedBy, caller.id(), CloseReason.MANUAL)))
        .call(
            () ->
                closing.closingText() == null
                    ? Uni.createFrom().voidItem()
                    : texts.sendOnce(
                        session,
                        MessageEntity.CLOSING,
                        closing.closingText(),
                        OutboundMessageKind.AUTOMATIC_TEXT))
        .call(
            () ->
                closing.ratingRequest() == null
                    ? Uni.createFrom().voidItem()
                    : texts.sendOnce(
                        session,
                        MessageEntity.RATING_REQUEST,
                        closing.ratingRequest(),
                        OutboundMessageKind.RATING_REQUEST,
                        SessionClosing.ratingButtons()))
        .call(() -> timers.cancel(TimerKind.UNANSWERED, session.id))
        .call(() -> timers.cancel(TimerKind.CONVERSATION_TIMEOUT, session.id))
        .call(
            () ->
                closing.awaitingRatingUntil() == null
                    ? timers.cancel(TimerKind.RATING_WAIT, session.id)
                    : timers.schedule(
                        TimerKind.RATING_WAIT, session.id, closing.awaitingRatingUntil()))
        // O3: closed for good at once (no rating wait): without history, the texts go now.
        .call(() -> history.afterFinalClose(session))
        .invoke(
            () ->
                LOG.infof(
                    "Session %s of channel %s closed by %s %s (%s)",
                    session.id, session.channelId, closedBy, caller.id(), session.state))
        .replaceWith(session);
  }
}
