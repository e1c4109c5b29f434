package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.session.QueueReason;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.SessionRepository;
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
 * W1 with {@code offHoursRouting} QUEUE_UNTIL_OPEN: a session opened outside working time is
 * distributed when the next working period starts ({@code SessionQueued(NEW_SESSION)} then, not
 * when it opened). A wake-up: a session closed meanwhile is left as it is.
 */
@ApplicationScoped
public class QueueWhenOpen implements TimerHandler {

  private static final Logger LOG = Logger.getLogger(QueueWhenOpen.class);

  @Inject SessionRepository sessions;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  @Override
  public TimerKind kind() {
    return TimerKind.WORKING_HOURS;
  }

  @Override
  public Uni<Void> fire(UUID sessionId, Instant dueAt) {
    return sessions
        .locked(sessionId)
        .flatMap(
            session -> {
              if (session == null || session.state != SessionState.QUEUED) {
                return Uni.createFrom().voidItem();
              }
              LOG.infof(
                  "Session %s of channel %s queued: working time has begun",
                  session.id, session.channelId);
              return announcements.announce(
                  SessionEvents.queued(session, QueueReason.NEW_SESSION, clock.instant()));
            });
  }
}
