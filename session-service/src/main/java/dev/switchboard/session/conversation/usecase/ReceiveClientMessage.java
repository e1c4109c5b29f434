package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.session.conversation.domain.ConnectorMatch;
import dev.switchboard.session.conversation.domain.HandoverKeywords;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.ClientEntity;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.MessageRepository;
import dev.switchboard.session.conversation.store.ParkedInboundRepository;
import dev.switchboard.session.conversation.store.ReceivedRecord;
import dev.switchboard.session.conversation.store.SessionEntity;
import dev.switchboard.session.conversation.store.SessionRepository;
import dev.switchboard.session.directory.store.ConnectorCopy;
import dev.switchboard.session.directory.store.DirectoryStore;
import dev.switchboard.session.lifecycle.domain.OffHours;
import dev.switchboard.session.timers.SessionTimers;
import dev.switchboard.session.timers.TimerKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * A client's message becomes part of a session (first-conversation step 2): the connector gives the
 * channel, the chat gives the client ({@link IdentifyClient}), the client's open session that came
 * in through that channel (it may have been transferred to another channel since) takes the message
 * or a new one is opened ({@link OpenSessionOnFirstMessage}). Every method runs in the caller's
 * transaction, with its events in the same transaction's outbox. {@link InboundBatch} does the same
 * for the plain messages of a batch.
 *
 * <p>Idempotent twice over: the event id in {@code processed_event}, and one message per {@code
 * (connectorId, externalChatId, externalMessageId)}. The contract says {@code (connectorId,
 * externalMessageId)}, but a Telegram {@code message_id} is unique only within its chat: two
 * clients of one bot send messages with the same id, and the narrower key would drop the second
 * one.
 */
@ApplicationScoped
public class ReceiveClientMessage {

  private static final Logger LOG = Logger.getLogger(ReceiveClientMessage.class);

  @Inject DirectoryStore directory;
  @Inject ParkedInboundRepository parked;
  @Inject MessageRepository messages;
  @Inject SessionRepository sessions;
  @Inject IdentifyClient clients;
  @Inject OpenSessionOnFirstMessage opening;
  @Inject HandOverToAgents handovers;
  @Inject ReceiveRating ratings;
  @Inject ConversationClocks clocks;
  @Inject SessionTimers timers;
  @Inject AutomaticTexts texts;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  /** A message read from the topic: stored, or parked until its connector is known. */
  public Uni<InboundOutcome> accept(InboundMessageReceived event, ReceivedRecord record) {
    return directory
        .connector(event.connectorId())
        .flatMap(
            connector -> {
              if (connector == null) {
                return park(event, record, "connector not known yet");
              }
              // Messages of one chat keep their order: while older ones of this connector wait
              // to be replayed, this one waits behind them.
              return parked
                  .anyOf(event.connectorId())
                  .flatMap(
                      waiting ->
                          waiting
                              ? park(event, record, "older messages of its connector are waiting")
                              : storeFor(event, connector));
            });
  }

  /** Stores a message whose connector is known (also for parked messages being replayed). */
  public Uni<InboundOutcome> storeFor(InboundMessageReceived event, ConnectorCopy connector) {
    String refusal =
        ConnectorMatch.refusal(
            event,
            connector.deleted,
            connector.connectorId,
            connector.connectorType,
            connector.accountId);
    if (refusal != null) {
      return Uni.createFrom().item(InboundOutcome.rejected(refusal));
    }
    MDC.put("channelId", connector.channelId);
    return messages
        .alreadyHave(event)
        .flatMap(
            already ->
                already
                    ? Uni.createFrom().item(InboundOutcome.duplicate(connector.channelId))
                    : store(event, connector));
  }

  private Uni<InboundOutcome> park(
      InboundMessageReceived event, ReceivedRecord record, String why) {
    return parked.park(event, record, clock.instant()).replaceWith(InboundOutcome.parked(why));
  }

  private Uni<InboundOutcome> store(InboundMessageReceived event, ConnectorCopy connector) {
    Instant now = clock.instant();
    // The events of this message (a new session's SessionOpened and SessionQueued, then
    // ClientMessageReceived) go to the outbox in one write, in this order.
    List<SessionEvent> events = new ArrayList<>(3);
    return clients
        .of(event, now)
        .flatMap(
            client ->
                sessions
                    .openOfClientLocked(client.id, connector.channelId)
                    .flatMap(
                        open ->
                            open != null
                                ? Uni.createFrom().item(open)
                                : opening.open(event, connector, client, now, events))
                    .flatMap(session -> append(session, event, client, now, events)));
  }

  /**
   * The client's message joins the session ({@code ClientMessageReceived}). In a session with the
   * bot, a message that is one of the channel's handover keywords (B1, "on the client's request")
   * also hands the session over, in the same transaction and exactly as the bot's handover does
   * ({@code SessionQueued(BOT_HANDOVER)}, after the message): the agent who takes it reads the
   * request in the history. In any other session a keyword is just a message.
   */
  private Uni<InboundOutcome> append(
      SessionEntity session,
      InboundMessageReceived event,
      ClientEntity client,
      Instant now,
      List<SessionEvent> events) {
    MDC.put("sessionId", session.id.toString());
    MessageEntity message = MessageEntity.fromClient(event, client);
    events.add(
        SessionEvents.clientMessageReceived(
            session.channelId, session.id, message.id, client.id, event, now));
    boolean opened = events.stream().anyMatch(SessionOpened.class::isInstance);
    return messages
        .append(session, message)
        .call(() -> announcements.announceAll(events))
        .invoke(() -> LOG.debugf("Client message %s stored", message.id))
        .call(() -> handOverOnRequest(session, event, client))
        .call(() -> lifecycle(session, event, opened))
        .replaceWith(InboundOutcome.stored(session.channelId, session.id.toString()));
  }

  /**
   * What the client's message does to the session besides joining it: a new session is greeted
   * (A1); in a session awaiting its rating it is the rating or re-opens it ({@link ReceiveRating});
   * where the agent wrote last, the agent is to answer again (ANSWERED).
   */
  private Uni<Void> lifecycle(SessionEntity session, InboundMessageReceived event, boolean opened) {
    if (session.state == SessionState.CLOSED_AWAITING_RATING) {
      return ratings.messageWhileAwaitingRating(session, event.text(), event.buttonValue());
    }
    if (session.state.afterClientMessage() != session.state) {
      session.moveTo(session.state.afterClientMessage());
    }
    return directory
        .channel(session.channelId)
        .flatMap(
            channel -> {
              ChannelSections settings =
                  channel == null ? ChannelSections.DEFAULTS : channel.settings();
              Instant now = clock.instant();
              return clocks
                  .clientWrote(session, settings, now)
                  .chain(
                      () ->
                          opened
                              ? greet(session, settings.automation())
                              : Uni.createFrom().voidItem())
                  .chain(() -> offHours(session, OffHours.at(settings, now), opened));
            });
  }

  /**
   * W2: outside working time the client gets the off-hours text, once per session; W1: a session
   * that opens then with QUEUE_UNTIL_OPEN is distributed when the next period starts ({@link
   * QueueWhenOpen}; {@link OpenSessionOnFirstMessage} held its {@code SessionQueued} back).
   */
  private Uni<Void> offHours(SessionEntity session, OffHours offHours, boolean opened) {
    // A chatbot answers at any hour (B1): its sessions get no off-hours text.
    if (!offHours.closed() || session.state == SessionState.BOT) {
      return Uni.createFrom().voidItem();
    }
    Uni<Void> text =
        offHours.text() == null
            ? Uni.createFrom().voidItem()
            : texts
                .sendOnce(
                    session,
                    MessageEntity.OFF_HOURS,
                    offHours.text(),
                    OutboundMessageKind.AUTOMATIC_TEXT)
                .replaceWithVoid();
    if (!opened || offHours.distributeAt() == null || session.state != SessionState.QUEUED) {
      return text;
    }
    return text.chain(
        () -> timers.schedule(TimerKind.WORKING_HOURS, session.id, offHours.distributeAt()));
  }

  /** A1: the channel's greeting, once, when the session opens. */
  private Uni<Void> greet(SessionEntity session, ChannelSections.Automation automation) {
    if (!Boolean.TRUE.equals(automation.greetingEnabled())
        || automation.greetingText() == null
        || automation.greetingText().isBlank()) {
      return Uni.createFrom().voidItem();
    }
    return texts
        .sendOnce(
            session,
            MessageEntity.GREETING,
            automation.greetingText(),
            OutboundMessageKind.AUTOMATIC_TEXT)
        .replaceWithVoid();
  }

  /** B1: the client asked the bot for a person with one of the channel's handover keywords. */
  private Uni<Void> handOverOnRequest(
      SessionEntity session, InboundMessageReceived event, ClientEntity client) {
    if (session.state != SessionState.BOT || event.text() == null) {
      return Uni.createFrom().voidItem();
    }
    return directory
        .channel(session.channelId)
        .flatMap(
            channel ->
                channel != null
                        && HandoverKeywords.of(channel.handoverKeywords()).requestedBy(event.text())
                    ? handovers.handOver(session, "client " + client.id).replaceWithVoid()
                    : Uni.createFrom().voidItem());
  }
}
