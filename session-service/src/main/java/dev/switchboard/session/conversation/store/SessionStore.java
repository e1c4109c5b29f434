package dev.switchboard.session.conversation.store;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.outbound.OutboundMessageKind;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionAccepted;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.AuthorType;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.domain.SessionAccess;
import dev.switchboard.session.conversation.domain.SessionNotFound;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.domain.SessionStateConflict;
import dev.switchboard.session.conversation.domain.TransferTargetUnknown;
import dev.switchboard.session.conversation.messaging.SessionAnnouncements;
import dev.switchboard.session.conversation.routing.RoutingOffers;
import dev.switchboard.session.directory.store.AgentCopy;
import dev.switchboard.session.directory.store.ChannelCopy;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sessions after they are opened: routing's assignments, the agents' replies and closing, and what
 * agents read. A change and its events are stored in one transaction (the outbox); a command the
 * session's state does not allow fails with {@link SessionStateConflict}.
 */
@ApplicationScoped
public class SessionStore {

  private static final Logger LOG = Logger.getLogger(SessionStore.class);

  /** The distribution mode in which an agent's answer takes the offer (Q3). */
  private static final String STRICT_ORDER = DistributionMode.STRICT_ORDER.name();

  @Inject DirectoryStore directory;
  @Inject ProcessedEvents processed;
  @Inject OfferStore offers;
  @Inject RoutingOffers routingOffers;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  /**
   * Records routing's decision as the fact {@code SessionAssigned} (first-conversation step 4), in
   * the caller's transaction; true when the session changed. An accepted offer ({@code
   * OFFER_ACCEPTED}) is also published as {@code SessionAccepted}; after a transfer, {@code
   * previousAgentId} names the agent who had the session before it. Every open offer of the session
   * closes. Ignored (and remembered as handled) when the session is unknown, belongs to another
   * channel or has moved on from QUEUED (e.g. closed meanwhile), except the Q14 reassignment of an
   * ASSIGNED session to the CRM-responsible person ({@code RESPONSIBLE_PERSON}, another agent):
   * recorded with {@code previousAgentId} = the agent who had it.
   */
  public Uni<Boolean> recordAssignment(AgentAssigned decision) {
    return processed
        .firstTime(ProcessedEvents.ROUTING, decision.id())
        .flatMap(
            first -> {
              if (!first) {
                return Uni.createFrom().item(false);
              }
              UUID id = parseId(decision.sessionId());
              if (id == null) {
                LOG.warnf("AgentAssigned %s names no session of ours; ignored", decision.id());
                return Uni.createFrom().item(false);
              }
              return SessionEntity.<SessionEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                  .flatMap(session -> assign(session, decision));
            });
  }

  private Uni<Boolean> assign(SessionEntity session, AgentAssigned decision) {
    if (session == null || !session.channelId.equals(decision.channelId())) {
      LOG.warnf(
          "AgentAssigned %s names session %s, which this service does not have in channel %s;"
              + " ignored",
          decision.id(), decision.sessionId(), decision.channelId());
      return Uni.createFrom().item(false);
    }
    boolean reassignment = isResponsiblePersonReassignment(session, decision);
    // Also the AgentAssigned(OFFER_ACCEPTED) of an offer the agent's reply took (Q3): the reply
    // recorded the assignment already, so it changes nothing and emits nothing.
    if (!reassignment && !session.state.canMoveTo(SessionState.ASSIGNED)) {
      LOG.infof(
          "AgentAssigned %s (%s, offer %s) to %s ignored: the session is %s (assigned to %s)",
          decision.id(),
          decision.reason(),
          decision.offerId(),
          decision.agentId(),
          session.state,
          session.assignedAgentId);
      return Uni.createFrom().item(false);
    }
    return recordAssigned(
            session,
            decision.agentId(),
            decision.reason(),
            decision.offerId(),
            decision.id(),
            reassignment)
        .replaceWith(true);
  }

  /**
   * The assignment as facts, in the caller's transaction with the session locked: the session is
   * the agent's, {@code SessionAccepted} (for an accepted offer) then {@code SessionAssigned} go
   * out, and every open offer of the session closes. Shared by routing's {@code AgentAssigned} and
   * by a reply that took a STRICT_ORDER offer (Q3).
   *
   * @param causedByEventId the {@code AgentAssigned} this records; null when routing's answer to
   *     this service's own accept decided it, and then the {@code SessionAccepted} it causes
   * @param reassignment Q14's move of an ASSIGNED session: the state stays, {@code previousAgentId}
   *     is the agent who had it
   */
  private Uni<Void> recordAssigned(
      SessionEntity session,
      String agentId,
      AssignmentReason reason,
      String offerId,
      String causedByEventId,
      boolean reassignment) {
    Instant now = clock.instant();
    String previous = reassignment ? session.assignedAgentId : session.transferredFromAgentId;
    if (!reassignment) {
      session.moveTo(SessionState.ASSIGNED);
    }
    session.assignedAgentId = agentId;
    session.transferredFromAgentId = null;
    String sid = session.id.toString();
    String acceptedId = PlatformEvent.newId();
    String causedBy = causedByEventId != null ? causedByEventId : acceptedId;
    Uni<Void> accepted =
        reason == AssignmentReason.OFFER_ACCEPTED
            ? announcements.announce(
                new SessionAccepted(acceptedId, session.channelId, sid, agentId, offerId, now))
            : Uni.createFrom().voidItem();
    return accepted
        .call(
            () ->
                announcements.announce(
                    new SessionAssigned(
                        PlatformEvent.newId(),
                        session.channelId,
                        sid,
                        agentId,
                        reason,
                        previous,
                        causedBy,
                        now)))
        .call(() -> offers.closeAllOf(session.id, OfferStore.ASSIGNED, now))
        .invoke(
            () ->
                LOG.infof(
                    "Session assigned to agent %s (%s, previously %s)", agentId, reason, previous));
  }

  /**
   * Q14 for an assigned session: routing-service moved it from its agent (who had not answered yet)
   * to the client's CRM-responsible person, releasing the previous agent in the same step. The only
   * reassignment of an ASSIGNED session this service accepts; a repeat naming the agent who already
   * has it changes nothing.
   */
  private static boolean isResponsiblePersonReassignment(
      SessionEntity session, AgentAssigned decision) {
    return session.state == SessionState.ASSIGNED
        && decision.reason() == AssignmentReason.RESPONSIBLE_PERSON
        && session.assignedAgentId != null
        && !session.assignedAgentId.equals(decision.agentId());
  }

  /**
   * Hands the session back to routing (issue 5): to another agent ({@code toAgentId}) or to a
   * channel's queue ({@code toChannelId}, which the session then belongs to). The session becomes
   * QUEUED without an agent and {@code SessionTransferred} goes out in the same transaction;
   * routing-service's next {@code AgentAssigned} names the new agent.
   */
  public Uni<Transfer> transfer(
      String sessionId, Caller caller, String toAgentId, String toChannelId) {
    return Panache.withTransaction(
            () ->
                locked(sessionId)
                    .flatMap(session -> knownTo(session, caller))
                    .flatMap(
                        session -> {
                          if (!SessionAccess.mayTransfer(caller, session.assignedAgentId)) {
                            throw new AccessDenied(
                                "Only the session's agent, a supervisor or an administrator"
                                    + " transfers it");
                          }
                          session.state.requireTransferable();
                          if (toAgentId != null && toAgentId.equals(session.assignedAgentId)) {
                            throw new SessionStateConflict(
                                session.state, "The session is already assigned to " + toAgentId);
                          }
                          return requireTarget(toAgentId, toChannelId)
                              .flatMap(
                                  ignored ->
                                      storeTransfer(session, caller, toAgentId, toChannelId));
                        }))
        .invoke(announcements::flush);
  }

  private Uni<Void> requireTarget(String toAgentId, String toChannelId) {
    if (toAgentId != null) {
      return directory
          .agent(toAgentId)
          .invoke(
              agent -> {
                if (agent == null) {
                  throw new TransferTargetUnknown(
                      "toAgentId", "no agent " + toAgentId + " in the directory");
                }
              })
          .replaceWithVoid();
    }
    return directory
        .channel(toChannelId)
        .invoke(
            channel -> {
              if (channel == null || channel.deleted) {
                throw new TransferTargetUnknown("toChannelId", "no channel " + toChannelId);
              }
              if (!channel.active) {
                throw new TransferTargetUnknown(
                    "toChannelId",
                    "channel " + toChannelId + " is not active (O2): its agents cannot answer");
              }
            })
        .replaceWithVoid();
  }

  private Uni<Transfer> storeTransfer(
      SessionEntity session, Caller caller, String toAgentId, String toChannelId) {
    Instant now = clock.instant();
    String from = session.assignedAgentId;
    String fromChannel = session.channelId;
    session.moveTo(SessionState.QUEUED);
    session.assignedAgentId = null;
    session.transferredFromAgentId = from;
    if (toChannelId != null) {
      session.channelId = toChannelId;
    }
    SessionTransferred event =
        new SessionTransferred(
            PlatformEvent.newId(),
            fromChannel,
            session.id.toString(),
            from,
            toAgentId,
            toChannelId,
            caller.id(),
            now);
    return announcements
        .announce(event)
        .call(() -> offers.closeAllOf(session.id, OfferStore.TRANSFERRED, now))
        .invoke(
            () ->
                LOG.infof(
                    "Session %s of channel %s transferred from %s to %s by %s",
                    session.id,
                    fromChannel,
                    from,
                    toAgentId != null ? "agent " + toAgentId : "channel " + toChannelId,
                    caller.id()))
        .replaceWith(new Transfer(session, from, toAgentId, toChannelId, caller.id(), event.id()));
  }

  /**
   * The chatbot hands the session over to people (B1): by the session's bot, a supervisor or an
   * administrator (else {@link AccessDenied}); only a session still with the bot (else {@link
   * SessionStateConflict}). The session waits for an agent (QUEUED) and {@code
   * SessionQueued(BOT_HANDOVER)} goes out in the same transaction: routing-service distributes it
   * as it does a new session.
   */
  public Uni<Handover> handOver(String sessionId, Caller caller) {
    return Panache.withTransaction(
            () ->
                locked(sessionId)
                    .flatMap(session -> knownTo(session, caller))
                    .flatMap(
                        session -> {
                          if (!SessionAccess.mayHandOver(caller, session.botId)) {
                            throw new AccessDenied(
                                "Only the session's bot, a supervisor or an administrator hands"
                                    + " it over");
                          }
                          return recordHandover(session, caller.id());
                        }))
        .invoke(announcements::flush);
  }

  /**
   * The handover itself, in the caller's transaction with the session locked: the session waits for
   * an agent and {@code SessionQueued(BOT_HANDOVER)} goes out. Shared by the REST handover and a
   * client who writes one of the channel's handover keywords (B1, "on the client's request").
   *
   * @param handedOverBy who asked: the bot, a supervisor or administrator, or the client
   * @throws SessionStateConflict when the session is not with the bot
   */
  Uni<Handover> recordHandover(SessionEntity session, String handedOverBy) {
    session.state.requireHandoverable();
    session.moveTo(SessionState.QUEUED);
    SessionQueued queued =
        new SessionQueued(
            PlatformEvent.newId(),
            session.channelId,
            session.id.toString(),
            QueueReason.BOT_HANDOVER,
            null,
            clock.instant());
    return announcements
        .announce(queued)
        .invoke(
            () ->
                LOG.infof(
                    "Session %s of channel %s handed over by %s (bot %s)",
                    session.id, session.channelId, handedOverBy, session.botId))
        .replaceWith(new Handover(session, handedOverBy, queued.id()));
  }

  /** The sessions the bot has now (state BOT), oldest first, after the cursor's sequence. */
  public Uni<List<SessionDetails>> botSessionsOf(String botId, long afterSeq, int limit) {
    return Panache.withSession(
        () ->
            SessionEntity.<SessionEntity>find(
                    "state = ?1 and botId = ?2 and seq > ?3 order by seq",
                    SessionState.BOT,
                    botId,
                    afterSeq)
                .range(0, limit - 1)
                .list()
                .flatMap(this::details));
  }

  /**
   * The caller's open sessions (assigned to them) and the waiting sessions offered to them (an open
   * offer), oldest first, after the cursor's sequence; an offered one carries its offer.
   */
  public Uni<List<SessionDetails>> openSessionsOf(String agentId, long afterSeq, int limit) {
    return Panache.withSession(
        () ->
            SessionEntity.<SessionEntity>find(
                    "from SessionEntity s where s.seq > ?2 and ((s.state = ?3 and"
                        + " s.assignedAgentId = ?1) or (s.state = ?4 and exists (from OfferEntity"
                        + " o where o.sessionId = s.id and o.agentId = ?1 and o.closedAt is"
                        + " null))) order by s.seq",
                    agentId,
                    afterSeq,
                    SessionState.ASSIGNED,
                    SessionState.QUEUED)
                .range(0, limit - 1)
                .list()
                .flatMap(this::details)
                .flatMap(
                    found ->
                        offers
                            .openOffersOf(
                                agentId,
                                found.stream()
                                    .filter(d -> d.session().state == SessionState.QUEUED)
                                    .map(d -> d.session().id)
                                    .toList())
                            .map(
                                open ->
                                    found.stream()
                                        .map(d -> d.withOffer(open.get(d.session().id)))
                                        .toList())));
  }

  /** A session's messages in order, after the cursor's sequence, for someone who may read them. */
  public Uni<List<MessageEntity>> messages(
      String sessionId, Caller caller, long afterSeq, int limit) {
    return Panache.withSession(
        () ->
            readable(sessionId, caller)
                .flatMap(
                    session ->
                        MessageEntity.<MessageEntity>find(
                                "sessionId = ?1 and seq > ?2 order by seq", session.id, afterSeq)
                            .range(0, limit - 1)
                            .list()));
  }

  /** One message of a session, for someone who may read the session. */
  public Uni<MessageEntity> message(String sessionId, String messageId, Caller caller) {
    UUID id = parseId(messageId);
    return Panache.withSession(
        () ->
            readable(sessionId, caller)
                .flatMap(
                    session ->
                        id == null
                            ? Uni.createFrom().<MessageEntity>nullItem()
                            : MessageEntity.<MessageEntity>find(
                                    "id = ?1 and sessionId = ?2", id, session.id)
                                .firstResult())
                .map(
                    found -> {
                      if (found == null) {
                        throw new SessionNotFound("Message " + messageId);
                      }
                      return found;
                    }));
  }

  /**
   * The assigned agent answers (first-conversation step 5): the message is stored, {@code
   * AgentMessageSent} and {@code OutboundMessageRequested} (kind AGENT_REPLY, to the session's
   * chat) go out in the same transaction.
   *
   * <p>Q3, "the agent who answers the client takes the offer": an agent holding an open
   * STRICT_ORDER offer of the QUEUED session first takes it from routing-service, the arbiter (its
   * accept, with the caller's own {@code authorization}), without holding the session's lock while
   * asking; then, in one transaction, the assignment is recorded (unless routing's {@code
   * AgentAssigned} got here first) and the reply stored. An open ALL offer must be accepted first
   * (Q4, the first to accept takes it).
   */
  public Uni<MessageEntity> reply(
      String sessionId, Caller caller, String text, String authorization) {
    if (caller.bot()) {
      return Panache.withTransaction(
              () ->
                  locked(sessionId)
                      .flatMap(session -> knownTo(session, caller))
                      .flatMap(session -> botReply(session, caller, text)))
          .invoke(announcements::flush);
    }
    return Panache.withSession(() -> offerTheReplyTakes(sessionId, caller))
        .flatMap(
            offer ->
                offer == null
                    ? Uni.createFrom().<String>nullItem()
                    : routingOffers.accept(sessionId, caller.id(), authorization))
        .flatMap(
            takenOfferId ->
                Panache.withTransaction(
                    () ->
                        locked(sessionId)
                            // Routing has just given the caller the session it took by answering.
                            .flatMap(
                                session ->
                                    takenOfferId != null
                                        ? Uni.createFrom().item(session)
                                        : knownTo(session, caller))
                            .flatMap(session -> agentReply(session, caller, text, takenOfferId))))
        .invoke(announcements::flush);
  }

  /**
   * The caller's open STRICT_ORDER offer that their reply would take (Q3), read without a lock;
   * null when the reply needs no offer (the session is theirs) or has none to take (then the usual
   * checks refuse it). An open offer of another mode (ALL) is a 409: accept it first.
   */
  private Uni<OfferEntity> offerTheReplyTakes(String sessionId, Caller caller) {
    UUID id = parseId(sessionId);
    if (id == null) {
      return Uni.createFrom().nullItem();
    }
    return SessionEntity.<SessionEntity>findById(id)
        .flatMap(
            session -> {
              if (session == null
                  || session.state != SessionState.QUEUED
                  || caller.id().equals(session.assignedAgentId)) {
                return Uni.createFrom().nullItem();
              }
              return offers
                  .openOffersOf(caller.id(), List.of(session.id))
                  .map(open -> open.get(session.id))
                  .call(
                      offer -> {
                        if (offer == null) {
                          return Uni.createFrom().voidItem();
                        }
                        if (!STRICT_ORDER.equals(offer.distributionMode)) {
                          throw new SessionStateConflict(
                              session.state,
                              "Session "
                                  + sessionId
                                  + " is offered to you ("
                                  + offer.distributionMode
                                  + "): accept the offer first (POST /api/v1/sessions/"
                                  + sessionId
                                  + "/accept), then answer");
                        }
                        // An inactive channel refuses the reply anyway: do not take the offer.
                        return directory
                            .channel(session.channelId)
                            .invoke(channel -> requireActive(channel, session));
                      });
            });
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
            ? recordAssigned(
                session, caller.id(), AssignmentReason.OFFER_ACCEPTED, takenOfferId, null, false)
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
                    requireActive(channel, session);
                    return directory.agent(caller.id());
                  })
              .flatMap(
                  agent ->
                      storeReply(session, caller, AuthorType.AGENT, sender(caller, agent), text));
        });
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
              requireActive(channel, session);
              String name =
                  caller.name() != null && !caller.name().isBlank() ? caller.name() : caller.id();
              return storeReply(
                  session, caller, AuthorType.BOT, new AgentRef(caller.id(), name, null), text);
            });
  }

  private static void requireActive(ChannelCopy channel, SessionEntity session) {
    if (channel != null && !channel.active) {
      throw new SessionStateConflict(
          session.state,
          "The channel is not active (O2): it still receives messages, but its agents cannot"
              + " answer");
    }
  }

  /**
   * Stores a reply and asks for its delivery ({@code OutboundMessageRequested}, kind AGENT_REPLY,
   * the sender as the client sees it). An agent's reply is also {@code AgentMessageSent}
   * (kpi-service's response clocks); a bot's is not: the KPI counts people's answers (K1, K2).
   */
  private Uni<MessageEntity> storeReply(
      SessionEntity session, Caller caller, AuthorType author, AgentRef sender, String text) {
    return storeOutgoing(
        session, author, caller.id(), sender, text, OutboundMessageKind.AGENT_REPLY, null);
  }

  /**
   * Stores a message for the client in the session's history and asks for its delivery, in the
   * caller's transaction; an agent's is also {@code AgentMessageSent}.
   *
   * @param sender as the client sees it; null for the platform's automatic texts
   * @param automaticText which automatic text a SYSTEM message is, else null
   */
  private Uni<MessageEntity> storeOutgoing(
      SessionEntity session,
      AuthorType author,
      String authorId,
      AgentRef sender,
      String text,
      OutboundMessageKind kind,
      String automaticText) {
    Instant now = clock.instant();
    MessageEntity message = new MessageEntity();
    message.id = UUID.randomUUID();
    message.sessionId = session.id;
    message.authorType = author;
    message.authorId = authorId;
    message.authorName = sender == null ? null : sender.displayName();
    message.text = text;
    message.at = now;
    message.automaticText = automaticText;
    session.lastMessageId = message.id;
    String sid = session.id.toString();
    String mid = message.id.toString();
    return message
        .<MessageEntity>persist()
        .call(
            () ->
                author != AuthorType.AGENT
                    ? Uni.createFrom().voidItem()
                    : announcements.announce(
                        new AgentMessageSent(
                            PlatformEvent.newId(),
                            session.channelId,
                            sid,
                            mid,
                            authorId,
                            text,
                            List.of(),
                            now)))
        .call(
            () ->
                announcements.request(
                    new OutboundMessageRequested(
                        PlatformEvent.newId(),
                        session.channelId,
                        sid,
                        mid,
                        ConnectorType.fromWireName(session.connectorType),
                        session.connectorId,
                        session.accountId,
                        session.externalChatId,
                        kind,
                        text,
                        List.of(),
                        sender,
                        null,
                        now)))
        .invoke(
            () ->
                LOG.debugf(
                    "%s %s: %s message in session %s of channel %s",
                    author, authorId, kind, sid, session.channelId));
  }

  /**
   * A4: routing-service found no agent for the session ({@code NoAgentAvailable}); the channel's
   * automatic reply (its off-hours text, W2, when {@code automation.noAgentAction} is
   * OFF_HOURS_TEXT) is stored as a SYSTEM message and requested as {@code OutboundMessageRequested}
   * kind AUTOMATIC_TEXT without a sender, in the caller's transaction; true when sent. At most once
   * per session, by data: the event id in {@code processed_event}, and the message's {@code
   * automatic_text} (unique per session), looked for under the session's lock, because routing
   * reports again after each round. Nothing when the session is no longer QUEUED (assigned or
   * closed meanwhile) or is not this service's in that channel.
   */
  public Uni<Boolean> recordNoAgentAvailable(NoAgentAvailable event) {
    return processed
        .firstTime(ProcessedEvents.ROUTING, event.id())
        .flatMap(
            first -> {
              UUID id = parseId(event.sessionId());
              if (!first || id == null) {
                return Uni.createFrom().item(false);
              }
              return SessionEntity.<SessionEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                  .flatMap(
                      session -> {
                        if (session == null
                            || !session.channelId.equals(event.channelId())
                            || session.state != SessionState.QUEUED) {
                          LOG.debugf(
                              "NoAgentAvailable %s (%s): no automatic reply, the session is %s",
                              event.id(),
                              event.reason(),
                              session == null ? "unknown" : session.state);
                          return Uni.createFrom().item(false);
                        }
                        return directory
                            .channel(session.channelId)
                            .flatMap(channel -> sendNoAgentReply(session, channel, event));
                      });
            });
  }

  private Uni<Boolean> sendNoAgentReply(
      SessionEntity session, ChannelCopy channel, NoAgentAvailable event) {
    String text = channel == null || channel.deleted ? null : channel.noAgentReply();
    if (text == null) {
      LOG.debugf("NoAgentAvailable %s: the channel sends no automatic reply (A4)", event.id());
      return Uni.createFrom().item(false);
    }
    return MessageEntity.count(
            "sessionId = ?1 and automaticText = ?2", session.id, MessageEntity.NO_AGENT_AVAILABLE)
        .flatMap(
            sent -> {
              if (sent > 0) {
                LOG.debugf("NoAgentAvailable %s: the automatic reply went out before", event.id());
                return Uni.createFrom().item(false);
              }
              return storeOutgoing(
                      session,
                      AuthorType.SYSTEM,
                      null,
                      null,
                      text,
                      OutboundMessageKind.AUTOMATIC_TEXT,
                      MessageEntity.NO_AGENT_AVAILABLE)
                  .invoke(
                      () ->
                          LOG.infof(
                              "No agent available (%s): the channel's automatic reply sent (A4)",
                              event.reason()))
                  .replaceWith(true);
            });
  }

  /**
   * The client sees the agent's directory entry; without one, the token's name, and at least the
   * agent's id.
   */
  static AgentRef sender(Caller caller, AgentCopy agent) {
    if (agent != null && agent.name != null && !agent.name.isBlank()) {
      return new AgentRef(caller.id(), agent.name, agent.avatarUrl);
    }
    String name = caller.name() != null && !caller.name().isBlank() ? caller.name() : caller.id();
    return new AgentRef(caller.id(), name, agent == null ? null : agent.avatarUrl);
  }

  /**
   * Closes the session (first-conversation step 7): by its agent (closedBy AGENT) or by a
   * supervisor or administrator (SUPERVISOR), reason MANUAL. A session with the bot is closed by
   * its own bot (BOT, B2: the bot answered everything; {@code closedByUserId} is the bot's id), a
   * supervisor or an administrator; the bot only while the session is with it (after its handover
   * the session is people's: {@link SessionStateConflict}).
   */
  public Uni<SessionDetails> close(String sessionId, Caller caller) {
    return Panache.withTransaction(
            () ->
                locked(sessionId)
                    .flatMap(session -> knownTo(session, caller))
                    .flatMap(
                        session -> {
                          ClosedBy closedBy =
                              SessionAccess.closingAs(
                                  caller, session.assignedAgentId, session.botId);
                          if (closedBy == null) {
                            throw new AccessDenied(
                                caller.bot()
                                    ? "A bot closes only the sessions it handles"
                                    : "Only the session's agent, a supervisor or an administrator"
                                        + " closes it");
                          }
                          if (closedBy == ClosedBy.BOT) {
                            session.state.requireWithTheBot();
                          }
                          session.moveTo(SessionState.CLOSED);
                          Instant now = clock.instant();
                          session.closedAt = now;
                          return offers
                              .closeAllOf(session.id, OfferStore.CLOSED, now)
                              .call(
                                  () ->
                                      announcements.announce(
                                          new SessionClosed(
                                              PlatformEvent.newId(),
                                              session.channelId,
                                              session.id.toString(),
                                              session.assignedAgentId,
                                              closedBy,
                                              caller.id(),
                                              CloseReason.MANUAL,
                                              null,
                                              now)))
                              .invoke(
                                  () ->
                                      LOG.infof(
                                          "Session %s of channel %s closed by %s %s",
                                          session.id, session.channelId, closedBy, caller.id()))
                              .flatMap(ignored -> details(List.of(session)))
                              .map(list -> list.get(0));
                        }))
        .invoke(announcements::flush);
  }

  /** The session, locked for this transaction; {@link SessionNotFound} when there is none. */
  private Uni<SessionEntity> locked(String sessionId) {
    UUID id = parseId(sessionId);
    if (id == null) {
      return Uni.createFrom().failure(new SessionNotFound("Session " + sessionId));
    }
    return SessionEntity.<SessionEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .map(
            session -> {
              if (session == null) {
                throw new SessionNotFound("Session " + sessionId);
              }
              return session;
            });
  }

  private Uni<SessionEntity> readable(String sessionId, Caller caller) {
    UUID id = parseId(sessionId);
    if (id == null) {
      return Uni.createFrom().failure(new SessionNotFound("Session " + sessionId));
    }
    return SessionEntity.<SessionEntity>findById(id)
        .flatMap(
            session -> {
              if (session == null) {
                throw new SessionNotFound("Session " + sessionId);
              }
              return knownTo(session, caller);
            })
        .invoke(
            session -> {
              if (caller.bot()
                  && !SessionAccess.isHandlingBot(caller, session.state, session.botId)) {
                throw new AccessDenied("A bot reads only the sessions it handles (state BOT)");
              }
            });
  }

  /**
   * The session, when the caller may know it exists ({@link SessionAccess#mayKnow}); else {@link
   * SessionNotFound}, the very answer an unknown id gets.
   */
  private Uni<SessionEntity> knownTo(SessionEntity session, Caller caller) {
    if (caller.seesEveryChannel() || caller.bot() || caller.id().equals(session.assignedAgentId)) {
      return known(session, caller, false, false);
    }
    return directory
        .queueHolds(session.channelId, caller.id())
        .flatMap(
            inQueue ->
                inQueue
                    ? known(session, caller, true, false)
                    : offers
                        .holdsOpenOffer(session.id, caller.id())
                        .flatMap(offered -> known(session, caller, false, offered)));
  }

  private static Uni<SessionEntity> known(
      SessionEntity session, Caller caller, boolean inQueue, boolean offered) {
    if (!SessionAccess.mayKnow(caller, session.assignedAgentId, session.botId, inQueue, offered)) {
      return Uni.createFrom().failure(new SessionNotFound("Session " + session.id));
    }
    return Uni.createFrom().item(session);
  }

  /** Client names, channel names and last messages of the sessions, in three queries. */
  private Uni<List<SessionDetails>> details(List<SessionEntity> sessions) {
    if (sessions.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<UUID> clientIds = sessions.stream().map(s -> s.clientId).distinct().toList();
    Set<String> channelIds = sessions.stream().map(s -> s.channelId).collect(Collectors.toSet());
    List<UUID> lastMessageIds =
        sessions.stream().map(s -> s.lastMessageId).filter(id -> id != null).toList();
    return ClientEntity.<ClientEntity>list("id in ?1", clientIds)
        .map(clients -> byKey(clients, c -> c.id))
        .flatMap(
            clients ->
                directory
                    .channels(channelIds)
                    .map(channels -> byKey(channels, c -> c.channelId))
                    .flatMap(
                        channels ->
                            (lastMessageIds.isEmpty()
                                    ? Uni.createFrom().item(List.<MessageEntity>of())
                                    : MessageEntity.<MessageEntity>list("id in ?1", lastMessageIds))
                                .map(messages -> byKey(messages, m -> m.id))
                                .map(
                                    messages ->
                                        sessions.stream()
                                            .map(
                                                s ->
                                                    new SessionDetails(
                                                        s,
                                                        clients.containsKey(s.clientId)
                                                            ? clients.get(s.clientId).displayName
                                                            : null,
                                                        channels.containsKey(s.channelId)
                                                            ? channels.get(s.channelId).name
                                                            : null,
                                                        s.lastMessageId == null
                                                            ? null
                                                            : messages.get(s.lastMessageId),
                                                        null))
                                            .toList())));
  }

  private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
    return values.stream().collect(Collectors.toMap(key, v -> v, (a, b) -> a));
  }

  private static UUID parseId(String id) {
    try {
      return id == null ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
