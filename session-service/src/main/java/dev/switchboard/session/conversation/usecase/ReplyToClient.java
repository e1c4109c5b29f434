package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.AuthorType;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.domain.ReplySenders;
import dev.switchboard.session.conversation.domain.SessionAccess;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.OutboundMessages;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.MessageRepository;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.directory.store.AgentCopy;
import dev.switchboard.session.directory.store.ChannelCopy;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The assigned agent answers (first-conversation step 5), or the chatbot in a session it handles
 * (B2): the message is stored and {@code OutboundMessageRequested} (kind AGENT_REPLY, to the
 * session's chat, with the sender as the client sees it) goes out in the same transaction; an
 * agent's reply is also {@code AgentMessageSent} (kpi-service's response clocks), a bot's is not:
 * the KPI counts people's answers (K1, K2).
 *
 * <p>An agent holding an open STRICT_ORDER offer of the waiting session takes it by answering
 * ({@link TakeOfferByReplying}); then, in one transaction, the assignment is recorded (unless
 * routing's {@code AgentAssigned} got here first) and the reply stored.
 */
@ApplicationScoped
public class ReplyToClient {

  private static final Logger LOG = Logger.getLogger(ReplyToClient.class);

  @Inject SessionGuard guard;
  @Inject TakeOfferByReplying offerTaking;
  @Inject RecordAssignment assignments;
  @Inject DirectoryStore directory;
  @Inject MessageRepository messages;
  @Inject ConversationClocks clocks;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  /** The stored reply. */
  public Uni<MessageEntity> reply(
      String sessionId, Caller caller, String text, String authorization) {
    if (caller.bot()) {
      return guard.command(sessionId, caller, session -> botReply(session, caller, text));
    }
    return offerTaking
        .take(sessionId, caller, authorization)
        .flatMap(
            takenOfferId ->
                Panache.withTransaction(
                    () ->
                        guard
                            .locked(sessionId)
                            // Routing has just given the caller the session it took by answering.
                            .flatMap(
                                session ->
                                    takenOfferId != null
                                        ? Uni.createFrom().item(session)
                                        : guard.knownTo(session, caller))
                            .flatMap(session -> agentReply(session, caller, text, takenOfferId))))
        .invoke(announcements::flush);
  }

  /**
   * An agent's reply under the session's lock. {@code takenOfferId}: routing-service has just given
   * the caller this offer's session; recorded here as {@code AgentAssigned(OFFER_ACCEPTED)} would
   * be, unless routing's event was recorded first (the session is no longer QUEUED).
   */
  private Uni<MessageEntity> agentReply(
      SessionEntity session, Caller caller, String text, String takenOfferId) {
    Uni<Void> taken =
        takenOfferId != null && session.state == SessionState.QUEUED
            ? assignments.takenByReply(session, caller.id(), takenOfferId)
            : Uni.createFrom().voidItem();
    return taken.flatMap(
        ignored -> {
          if (!SessionAccess.mayReply(caller, session.assignedAgentId)) {
            throw new AccessDenied("Only the agent the session is assigned to answers in it");
          }
          session.state.requireRepliesAllowed();
          return directory
              .channel(session.channelId)
              .flatMap(
                  channel -> {
                    requireAnswers(channel, session);
                    return directory
                        .agent(caller.id())
                        .flatMap(agent -> agentReply(session, caller, text, channel, agent));
                  });
        });
  }

  private Uni<MessageEntity> agentReply(
      SessionEntity session, Caller caller, String text, ChannelCopy channel, AgentCopy agent) {
    ChannelSections settings = channel == null ? ChannelSections.DEFAULTS : channel.settings();
    AgentRef profile =
        ReplySenders.agent(
            caller, agent == null ? null : agent.name, agent == null ? null : agent.avatarUrl);
    // Q8: the client sees the sender per the channel; the stored message names the author for the
    // agents (the name the client saw, the profile when hidden).
    AgentRef shown =
        ReplySenders.shownToClient(
            settings.routing().agentInfo(),
            profile,
            channel == null ? null : channel.agentEntry(caller.id()));
    // The client is to answer now (Q7b); A3's and A7's clocks follow this.
    if (session.state.afterAgentReply() != session.state) {
      session.moveTo(session.state.afterAgentReply());
    }
    return store(session, AuthorType.AGENT, shown != null ? shown : profile, shown, text)
        .call(() -> clocks.agentWrote(session, settings, clock.instant()));
  }

  /**
   * The chatbot answers in a session it handles (B2): only the session's bot, only while the
   * session is with it (409 {@code currentState} after the handover or close); an agent's or a
   * supervisor's reply in a BOT session is refused earlier (it is nobody's but the bot's).
   */
  private Uni<MessageEntity> botReply(SessionEntity session, Caller caller, String text) {
    if (!caller.id().equals(session.botId)) {
      throw new AccessDenied("A bot answers only in the sessions it handles");
    }
    session.state.requireRepliesAllowed(SessionState.BOT);
    return directory
        .channel(session.channelId)
        .flatMap(
            channel -> {
              requireAnswers(channel, session);
              AgentRef bot = ReplySenders.bot(caller);
              return store(session, AuthorType.BOT, bot, bot, text);
            });
  }

  private static void requireAnswers(ChannelCopy channel, SessionEntity session) {
    session.state.requireChannelAnswers(channel != null && !channel.active);
  }

  /**
   * @param sender the author as stored
   * @param shown the sender the client sees; null when hidden (Q8)
   */
  private Uni<MessageEntity> store(
      SessionEntity session, AuthorType author, AgentRef sender, AgentRef shown, String text) {
    MessageEntity message =
        MessageEntity.toClient(
            author, sender.agentId(), sender.displayName(), text, clock.instant());
    return messages
        .append(session, message)
        .call(
            () ->
                author == AuthorType.AGENT
                    ? announcements.announce(SessionEvents.agentMessageSent(session, message))
                    : Uni.createFrom().voidItem())
        .call(() -> announcements.request(OutboundMessages.reply(session, message, shown)))
        .invoke(
            () ->
                LOG.debugf(
                    "%s %s: reply in session %s of channel %s",
                    author, sender.agentId(), session.id, session.channelId));
  }
}
