package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.SessionRepository;
import dev.switchboard.session.directory.store.DirectoryStore;
import dev.switchboard.session.timers.TimerHandler;
import dev.switchboard.session.timers.TimerKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A3: the client has waited the channel's interval without an answer: the session is marked
 * unanswered ({@code session.unanswered_since}, {@code SessionMarkedUnanswered}); the agent's next
 * answer clears the mark. A wake-up: a session answered or closed meanwhile is left as it is.
 */
@ApplicationScoped
public class MarkUnanswered implements TimerHandler {

  private static final Logger LOG = Logger.getLogger(MarkUnanswered.class);

  @Inject SessionRepository sessions;
  @Inject DirectoryStore directory;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  @Override
  public TimerKind kind() {
    return TimerKind.UNANSWERED;
  }

  @Override
  public Uni<Void> fire(UUID sessionId, Instant dueAt) {
    return sessions
        .locked(sessionId)
        .flatMap(
            session -> {
              if (session == null
                  || session.unansweredSince != null
                  || !ConversationClocks.AWAITING_AN_ANSWER.contains(session.state)) {
                return Uni.createFrom().voidItem();
              }
              return directory
                  .channel(session.channelId)
                  .flatMap(
                      channel -> {
                        ChannelSections settings =
                            channel == null ? ChannelSections.DEFAULTS : channel.settings();
                        Integer interval = settings.automation().unansweredAfterSeconds();
                        session.unansweredSince =
                            interval == null ? dueAt : dueAt.minus(Duration.ofSeconds(interval));
                        LOG.infof(
                            "Session %s of channel %s marked unanswered",
                            session.id, session.channelId);
                        return announcements.announce(
                            SessionEvents.markedUnanswered(session, clock.instant()));
                      });
            });
  }
}
