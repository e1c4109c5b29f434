package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.OfferStore;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.conversation.store.SessionRepository;
import dev.switchboard.session.directory.store.DirectoryStore;
import dev.switchboard.session.timers.SessionTimers;
import dev.switchboard.session.timers.TimerHandler;
import dev.switchboard.session.timers.TimerKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A7: the agent wrote last and the client stayed silent for the channel's timeout: the session
 * closes ({@code SessionClosed(SYSTEM, CONVERSATION_TIMEOUT)}), after the channel's timeout text
 * when its action is SEND_TEXT, silently otherwise. A wake-up: a session where the client wrote
 * again (or that closed) is left as it is.
 */
@ApplicationScoped
public class CloseOnClientSilence implements TimerHandler {

  private static final Logger LOG = Logger.getLogger(CloseOnClientSilence.class);

  @Inject SessionRepository sessions;
  @Inject DirectoryStore directory;
  @Inject AutomaticTexts texts;
  @Inject OfferStore offers;
  @Inject SessionTimers timers;
  @Inject SessionAnnouncements announcements;
  @Inject ForgetMessagesIfNotKept history;
  @Inject Clock clock;

  @Override
  public TimerKind kind() {
    return TimerKind.CONVERSATION_TIMEOUT;
  }

  @Override
  public Uni<Void> fire(UUID sessionId, Instant dueAt) {
    return sessions
        .locked(sessionId)
        .flatMap(
            session -> {
              if (session == null || session.state != SessionState.WAITING_CLIENT) {
                return Uni.createFrom().voidItem();
              }
              return directory
                  .channel(session.channelId)
                  .flatMap(
                      channel ->
                          close(
                              session,
                              channel == null ? ChannelSections.DEFAULTS : channel.settings()));
            });
  }

  private Uni<Void> close(SessionEntity session, ChannelSections settings) {
    ChannelSections.Automation automation = settings.automation();
    boolean withText =
        automation.timeoutAction() == ChannelSections.TimeoutAction.SEND_TEXT
            && automation.timeoutText() != null
            && !automation.timeoutText().isBlank();
    Uni<Void> text =
        withText
            ? texts
                .sendOnce(
                    session,
                    MessageEntity.TIMEOUT,
                    automation.timeoutText(),
                    OutboundMessageKind.AUTOMATIC_TEXT)
                .replaceWithVoid()
            : Uni.createFrom().voidItem();
    return text.chain(
        () -> {
          session.moveTo(SessionState.CLOSED);
          session.closedAt = clock.instant();
          LOG.infof(
              "Session %s of channel %s closed: the client was silent",
              session.id, session.channelId);
          return offers
              .closeAllOf(session.id, OfferStore.CLOSED, session.closedAt)
              .chain(() -> timers.cancel(TimerKind.UNANSWERED, session.id))
              .chain(
                  () ->
                      announcements.announce(
                          SessionEvents.closed(
                              session, ClosedBy.SYSTEM, null, CloseReason.CONVERSATION_TIMEOUT)))
              .chain(() -> history.afterFinalClose(session));
        });
  }
}
