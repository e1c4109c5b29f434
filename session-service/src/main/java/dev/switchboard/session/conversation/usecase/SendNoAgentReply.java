package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.ProcessedEvents;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.conversation.store.SessionRepository;
import dev.switchboard.session.directory.store.ChannelCopy;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * A4: routing-service found no agent for the session ({@code NoAgentAvailable}); the channel's
 * automatic reply (its off-hours text, W2, when {@code automation.noAgentAction} is OFF_HOURS_TEXT)
 * goes to the client as an {@link AutomaticTexts automatic text} (kind AUTOMATIC_TEXT), in the
 * caller's transaction. At most once per session, by data: the event id in {@code processed_event},
 * and the message's {@code automatic_text}, looked for under the session's lock, because routing
 * reports again after each round. Nothing when the session is no longer QUEUED (assigned or closed
 * meanwhile) or is not this service's in that channel.
 */
@ApplicationScoped
public class SendNoAgentReply {

  private static final Logger LOG = Logger.getLogger(SendNoAgentReply.class);

  @Inject ProcessedEvents processed;
  @Inject SessionRepository sessions;
  @Inject DirectoryStore directory;
  @Inject AutomaticTexts automaticTexts;

  /** True when the reply was sent now. */
  public Uni<Boolean> on(NoAgentAvailable event) {
    return processed
        .firstTimeForSession(ProcessedEvents.ROUTING, event.id(), event.sessionId())
        .flatMap(
            id ->
                id == null
                    ? Uni.createFrom().item(false)
                    : sessions.locked(id).flatMap(session -> replyIfWaiting(session, event)));
  }

  private Uni<Boolean> replyIfWaiting(SessionEntity session, NoAgentAvailable event) {
    if (session == null
        || !session.channelId.equals(event.channelId())
        || session.state != SessionState.QUEUED) {
      LOG.debugf(
          "NoAgentAvailable %s (%s): no automatic reply, the session is %s",
          event.id(), event.reason(), session == null ? "unknown" : session.state);
      return Uni.createFrom().item(false);
    }
    return directory.channel(session.channelId).flatMap(channel -> send(session, channel, event));
  }

  private Uni<Boolean> send(SessionEntity session, ChannelCopy channel, NoAgentAvailable event) {
    String text = channel == null || channel.deleted ? null : channel.noAgentReply();
    if (text == null) {
      LOG.debugf("NoAgentAvailable %s: the channel sends no automatic reply (A4)", event.id());
      return Uni.createFrom().item(false);
    }
    return automaticTexts
        .sendOnce(
            session, MessageEntity.NO_AGENT_AVAILABLE, text, OutboundMessageKind.AUTOMATIC_TEXT)
        .invoke(
            sent -> {
              if (sent) {
                LOG.infof(
                    "No agent available (%s): the channel's automatic reply sent (A4)",
                    event.reason());
              }
            });
  }
}
