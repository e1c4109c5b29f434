package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.store.MessageRepository;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * O3 with {@code other.saveHistory} off: when a session closes for good (CLOSED: a manual close
 * without a rating wait, the rating that closes it (R2), the end of the rating wait (A6), the
 * client's silence (A7), the bot's close), its messages' texts and attachments are deleted, in the
 * transaction of the close. The rows stay as {@code [deleted]} markers (who wrote, when), so that
 * the session's times, counts, rating and the connector's de-duplication of redelivered messages
 * stay as they were. Every final close calls this, after the session moved to CLOSED and after its
 * last automatic texts were stored (their delivery requests are in the outbox already).
 */
@ApplicationScoped
public class ForgetMessagesIfNotKept {

  private static final Logger LOG = Logger.getLogger(ForgetMessagesIfNotKept.class);

  @Inject DirectoryStore directory;
  @Inject MessageRepository messages;

  /** Deletes the closed session's message texts when its channel keeps no history. */
  public Uni<Void> afterFinalClose(SessionEntity session) {
    if (session.state != SessionState.CLOSED) {
      return Uni.createFrom().voidItem();
    }
    return directory
        .channel(session.channelId)
        .flatMap(
            channel -> {
              ChannelSections settings =
                  channel == null ? ChannelSections.DEFAULTS : channel.settings();
              if (!Boolean.FALSE.equals(settings.other().saveHistory())) {
                return Uni.createFrom().voidItem();
              }
              return messages
                  .forget(session.id)
                  .invoke(
                      forgotten ->
                          LOG.infof(
                              "Session %s of channel %s closed without history: %d messages"
                                  + " deleted",
                              session.id, session.channelId, forgotten))
                  .replaceWithVoid();
            });
  }
}
