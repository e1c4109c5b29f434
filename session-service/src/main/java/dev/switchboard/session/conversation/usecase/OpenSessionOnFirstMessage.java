package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.ClientEntity;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.conversation.store.SessionRepository;
import dev.switchboard.session.directory.store.ConnectorCopy;
import dev.switchboard.session.directory.store.DirectoryStore;
import dev.switchboard.session.lifecycle.domain.OffHours;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * A client without an open session writes: a new session, with the channel's chatbot when it has
 * one (B1, state BOT, not distributed: no {@code SessionQueued}), else waiting for an agent ({@code
 * SessionQueued(NEW_SESSION)}). Runs in the caller's transaction.
 */
@ApplicationScoped
public class OpenSessionOnFirstMessage {

  private static final Logger LOG = Logger.getLogger(OpenSessionOnFirstMessage.class);

  @Inject DirectoryStore directory;
  @Inject SessionRepository sessions;

  /**
   * The new session, stored; its events ({@code SessionOpened}, then {@code SessionQueued} when no
   * bot takes it) are added to {@code events}, for the caller to announce with the message's.
   */
  public Uni<SessionEntity> open(
      InboundMessageReceived first,
      ConnectorCopy connector,
      ClientEntity client,
      Instant now,
      List<SessionEvent> events) {
    return directory
        .channel(connector.channelId)
        .flatMap(
            channel -> {
              String botId = channel == null ? null : channel.botId;
              SessionEntity session = newSession(first, connector.channelId, client, botId, now);
              events.add(
                  SessionEvents.opened(session.channelId, session.id, client.id, first, now));
              // W1: outside working time with QUEUE_UNTIL_OPEN, it is queued when the next period
              // starts (ReceiveClientMessage sets the timer, QueueWhenOpen announces it).
              boolean waitsForOpening =
                  channel != null && OffHours.at(channel.settings(), now).distributeAt() != null;
              if (botId == null && !waitsForOpening) {
                events.add(SessionEvents.queued(session, QueueReason.NEW_SESSION, now));
              }
              return sessions.add(session).invoke(() -> opened(session, client));
            });
  }

  private static SessionEntity newSession(
      InboundMessageReceived first,
      String channelId,
      ClientEntity client,
      String botId,
      Instant now) {
    SessionEntity session = new SessionEntity();
    session.id = UUID.randomUUID();
    session.channelId = channelId;
    session.originChannelId = channelId;
    session.clientId = client.id;
    session.connectorId = first.connectorId();
    session.connectorType = first.connectorType().wireName();
    session.accountId = first.accountId();
    session.externalChatId = first.externalChatId();
    session.state = botId == null ? SessionState.QUEUED : SessionState.BOT;
    session.botId = botId;
    session.openedAt = now;
    return session;
  }

  private static void opened(SessionEntity session, ClientEntity client) {
    MDC.put("sessionId", session.id.toString());
    // Debug, not info: at a burst's rate one line per session is most of the log.
    if (session.botId == null) {
      LOG.debugf("Session opened and queued for client %s", client.id);
    } else {
      LOG.debugf("Session opened with bot %s for client %s", session.botId, client.id);
    }
  }
}
