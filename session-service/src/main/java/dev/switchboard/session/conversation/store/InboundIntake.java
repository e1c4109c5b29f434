package dev.switchboard.session.conversation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionEvent;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.session.conversation.domain.AuthorType;
import dev.switchboard.session.conversation.domain.ClientNames;
import dev.switchboard.session.conversation.domain.HandoverKeywords;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.usecase.HandOverToAgents;
import dev.switchboard.session.directory.store.ConnectorCopy;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * A client's message becomes part of a session (first-conversation step 2): the connector gives the
 * channel, the chat gives the client, the client's open session that came in through that channel
 * (it may have been transferred to another channel since) takes the message or a new one is opened.
 * Every method runs in the caller's transaction, with its events in the same transaction's outbox.
 *
 * <p>Idempotent twice over: the event id in {@code processed_event}, and one message per {@code
 * (connectorId, externalChatId, externalMessageId)}. The contract says {@code (connectorId,
 * externalMessageId)}, but a Telegram {@code message_id} is unique only within its chat: two
 * clients of one bot send messages with the same id, and the narrower key would drop the second
 * one.
 */
@ApplicationScoped
public class InboundIntake {

  private static final Logger LOG = Logger.getLogger(InboundIntake.class);
  private static final ObjectMapper JSON = EventJson.newObjectMapper();

  @Inject DirectoryStore directory;
  @Inject SessionAnnouncements announcements;
  @Inject HandOverToAgents handovers;
  @Inject Clock clock;

  /** What became of an inbound message. */
  public record Outcome(Kind kind, String channelId, String sessionId, String detail) {

    public enum Kind {
      /** Stored in a session, its events in the outbox. */
      STORED,
      /** Already had it (same event id, or same connector message id). */
      DUPLICATE,
      /** Its connector is not known yet, or older messages of that connector wait before it. */
      PARKED,
      /** It can never be stored here; {@code detail} says why (the dead-letter reason). */
      REJECTED
    }

    static Outcome stored(String channelId, String sessionId) {
      return new Outcome(Kind.STORED, channelId, sessionId, null);
    }

    static Outcome duplicate(String channelId) {
      return new Outcome(Kind.DUPLICATE, channelId, null, null);
    }

    static Outcome parked(String detail) {
      return new Outcome(Kind.PARKED, null, null, detail);
    }

    static Outcome rejected(String detail) {
      return new Outcome(Kind.REJECTED, null, null, detail);
    }
  }

  /** A message read from the topic: stored, or parked until its connector is known. */
  public Uni<Outcome> accept(InboundMessageReceived event, ReceivedRecord record) {
    return directory
        .connector(event.connectorId())
        .flatMap(
            connector -> {
              if (connector == null) {
                return park(event, record, "connector not known yet");
              }
              // Messages of one chat keep their order: while older ones of this connector wait
              // to be replayed, this one waits behind them.
              return ParkedInboundEntity.count("connectorId", event.connectorId())
                  .flatMap(
                      waiting ->
                          waiting > 0
                              ? park(event, record, "older messages of its connector are waiting")
                              : storeFor(event, connector));
            });
  }

  /** Stores a message whose connector is known (also for parked messages being replayed). */
  public Uni<Outcome> storeFor(InboundMessageReceived event, ConnectorCopy connector) {
    String refusal = refusal(event, connector);
    if (refusal != null) {
      return Uni.createFrom().item(Outcome.rejected(refusal));
    }
    MDC.put("channelId", connector.channelId);
    return alreadyHave(event)
        .flatMap(
            already ->
                already
                    ? Uni.createFrom().item(Outcome.duplicate(connector.channelId))
                    : store(event, connector));
  }

  /**
   * Records the event id as handled and tells whether the message was had already: the same event
   * id, or the same connector message under a new event id. One round trip for both checks.
   */
  private Uni<Boolean> alreadyHave(InboundMessageReceived event) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "WITH recorded AS (INSERT INTO processed_event (consumer, event_id)"
                            + " VALUES (:consumer, :eventId) ON CONFLICT DO NOTHING RETURNING 1)"
                            + " SELECT NOT EXISTS (SELECT 1 FROM recorded) OR EXISTS (SELECT 1"
                            + " FROM message WHERE connector_id = :connectorId"
                            + " AND external_chat_id = :chatId"
                            + " AND external_message_id = :messageId)",
                        Boolean.class)
                    .setParameter("consumer", ProcessedEvents.INBOUND)
                    .setParameter("eventId", event.id())
                    .setParameter("connectorId", event.connectorId())
                    .setParameter("chatId", event.externalChatId())
                    .setParameter("messageId", event.externalMessageId())
                    .getSingleResult());
  }

  private static String refusal(InboundMessageReceived event, ConnectorCopy connector) {
    return refusal(
        event,
        connector.deleted,
        connector.connectorId,
        connector.connectorType,
        connector.accountId);
  }

  /** Why a message can never be stored through this connector, or null when it can. */
  static String refusal(
      InboundMessageReceived event,
      boolean deleted,
      String connectorId,
      String connectorType,
      String accountId) {
    if (deleted) {
      return "Connector " + connectorId + " was deleted from its channel";
    }
    if (!connectorType.equals(event.connectorType().wireName())
        || !accountId.equals(event.accountId())) {
      return "The message's connectorType/accountId ("
          + event.connectorType().wireName()
          + "/"
          + event.accountId()
          + ") do not match connector "
          + connectorId
          + "'s registration ("
          + connectorType
          + "/"
          + accountId
          + ")";
    }
    return null;
  }

  private Uni<Outcome> park(InboundMessageReceived event, ReceivedRecord record, String why) {
    return ParkedInboundEntity.count("eventId", event.id())
        .flatMap(
            already -> {
              if (already > 0) {
                return Uni.createFrom().item(Outcome.parked(why));
              }
              ParkedInboundEntity parked = new ParkedInboundEntity();
              parked.eventId = event.id();
              parked.connectorId = event.connectorId();
              parked.recordKey = record.key();
              parked.headers =
                  new JsonObject(Map.<String, Object>copyOf(record.headers())).encode();
              parked.payload = record.payload();
              parked.sourceTopic = record.topic();
              parked.sourcePartition = record.partition();
              parked.sourceOffset = record.offset();
              parked.parkedAt = clock.instant();
              return parked.persist().replaceWith(Outcome.parked(why));
            });
  }

  private Uni<Outcome> store(InboundMessageReceived event, ConnectorCopy connector) {
    Instant now = clock.instant();
    // The events of this message (a new session's SessionOpened and SessionQueued, then
    // ClientMessageReceived) go to the outbox in one write, in this order.
    List<SessionEvent> events = new ArrayList<>(3);
    return clientOf(event, now)
        .flatMap(
            client ->
                SessionEntity.<SessionEntity>find(
                        "clientId = ?1 and originChannelId = ?2 and state <> ?3",
                        client.id,
                        connector.channelId,
                        SessionState.CLOSED)
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .firstResult()
                    .flatMap(
                        open ->
                            open != null
                                ? Uni.createFrom().item(open)
                                : openSession(event, connector, client, now, events))
                    .flatMap(session -> append(session, event, client, now, events)));
  }

  /** The client of this chat, created on their first message, with what the connector knows. */
  private Uni<ClientEntity> clientOf(InboundMessageReceived event, Instant now) {
    return ClientIdentityEntity.<ClientIdentityEntity>find(
            "connectorType = ?1 and accountId = ?2 and externalChatId = ?3",
            event.connectorType().wireName(),
            event.accountId(),
            event.externalChatId())
        .firstResult()
        .flatMap(
            identity -> {
              if (identity == null) {
                return newClient(event, now);
              }
              ClientIdentity merged = merge(identity, event.client(), now);
              return ClientEntity.<ClientEntity>findById(identity.clientId)
                  .invoke(
                      client -> {
                        String name = ClientNames.displayName(merged);
                        if (!Objects.equals(client.displayName, name)) {
                          client.displayName = name;
                          client.updatedAt = now;
                        }
                      });
            });
  }

  private Uni<ClientEntity> newClient(InboundMessageReceived event, Instant now) {
    ClientIdentity who = event.client();
    ClientEntity client = new ClientEntity();
    client.id = UUID.randomUUID();
    client.displayName = ClientNames.displayName(who);
    client.createdAt = now;
    client.updatedAt = now;
    ClientIdentityEntity identity = new ClientIdentityEntity();
    identity.id = UUID.randomUUID();
    identity.clientId = client.id;
    identity.connectorType = event.connectorType().wireName();
    identity.accountId = event.accountId();
    identity.externalChatId = event.externalChatId();
    identity.createdAt = now;
    merge(identity, who, now);
    return client.<ClientEntity>persist().call(identity::persist);
  }

  /**
   * Updates the identity with what the connector now says; a detail it leaves out is kept (a custom
   * connector may send only the user id after the first message).
   */
  private static ClientIdentity merge(
      ClientIdentityEntity identity, ClientIdentity who, Instant now) {
    identity.externalUserId = who.externalUserId();
    identity.displayName = keep(identity.displayName, who.displayName());
    identity.firstName = keep(identity.firstName, who.firstName());
    identity.lastName = keep(identity.lastName, who.lastName());
    identity.username = keep(identity.username, who.username());
    identity.avatarUrl = keep(identity.avatarUrl, who.avatarUrl());
    identity.email = keep(identity.email, who.email());
    identity.phone = keep(identity.phone, who.phone());
    identity.locale = keep(identity.locale, who.locale());
    identity.updatedAt = now;
    return new ClientIdentity(
        identity.externalUserId,
        identity.displayName,
        identity.firstName,
        identity.lastName,
        identity.username,
        identity.avatarUrl,
        identity.email,
        identity.phone,
        identity.locale);
  }

  static String keep(String held, String received) {
    return received == null || received.isBlank() ? held : received;
  }

  /**
   * A new session: with the channel's chatbot when it has one (B1, state BOT, not distributed: no
   * {@code SessionQueued}), else waiting for an agent ({@code SessionQueued(NEW_SESSION)}).
   */
  private Uni<SessionEntity> openSession(
      InboundMessageReceived event,
      ConnectorCopy connector,
      ClientEntity client,
      Instant now,
      List<SessionEvent> events) {
    return directory
        .channel(connector.channelId)
        .flatMap(
            channel ->
                openSession(
                    event, connector, client, channel == null ? null : channel.botId, now, events));
  }

  private Uni<SessionEntity> openSession(
      InboundMessageReceived event,
      ConnectorCopy connector,
      ClientEntity client,
      String botId,
      Instant now,
      List<SessionEvent> events) {
    SessionEntity session = new SessionEntity();
    session.id = UUID.randomUUID();
    session.channelId = connector.channelId;
    session.originChannelId = connector.channelId;
    session.clientId = client.id;
    session.connectorId = event.connectorId();
    session.connectorType = event.connectorType().wireName();
    session.accountId = event.accountId();
    session.externalChatId = event.externalChatId();
    session.state = botId == null ? SessionState.QUEUED : SessionState.BOT;
    session.botId = botId;
    session.openedAt = now;
    String sessionId = session.id.toString();
    events.add(
        new SessionOpened(
            PlatformEvent.newId(),
            session.channelId,
            sessionId,
            client.id.toString(),
            event.connectorType(),
            event.connectorId(),
            event.accountId(),
            event.externalChatId(),
            event.client(),
            now));
    if (botId == null) {
      events.add(
          new SessionQueued(
              PlatformEvent.newId(),
              session.channelId,
              sessionId,
              QueueReason.NEW_SESSION,
              null,
              now));
    }
    return session
        .<SessionEntity>persist()
        .invoke(
            () -> {
              MDC.put("sessionId", sessionId);
              // Debug, not info: at a burst's rate one line per session is most of the log.
              if (botId == null) {
                LOG.debugf("Session opened and queued for client %s", client.id);
              } else {
                LOG.debugf("Session opened with bot %s for client %s", botId, client.id);
              }
            });
  }

  /**
   * The client's message joins the session ({@code ClientMessageReceived}). In a session with the
   * bot, a message that is one of the channel's handover keywords (B1, "on the client's request")
   * also hands the session over, in the same transaction and exactly as the bot's handover does
   * ({@code SessionQueued(BOT_HANDOVER)}, after the message): the agent who takes it reads the
   * request in the history. In any other session a keyword is just a message.
   */
  private Uni<Outcome> append(
      SessionEntity session,
      InboundMessageReceived event,
      ClientEntity client,
      Instant now,
      List<SessionEvent> events) {
    MDC.put("sessionId", session.id.toString());
    MessageEntity message = new MessageEntity();
    message.id = UUID.randomUUID();
    message.sessionId = session.id;
    message.authorType = AuthorType.CLIENT;
    message.authorId = client.id.toString();
    message.authorName = client.displayName;
    message.text = event.text();
    message.attachments = attachmentsJson(event.attachments());
    message.at = event.occurredAt();
    message.connectorId = event.connectorId();
    message.externalChatId = event.externalChatId();
    message.externalMessageId = event.externalMessageId();
    message.inboundEventId = event.id();
    session.lastMessageId = message.id;
    events.add(
        new ClientMessageReceived(
            PlatformEvent.newId(),
            session.channelId,
            session.id.toString(),
            message.id.toString(),
            client.id.toString(),
            event.id(),
            event.externalMessageId(),
            event.text(),
            event.attachments(),
            event.sentAt(),
            now));
    return message
        .persist()
        .call(() -> announcements.announceAll(events))
        .invoke(() -> LOG.debugf("Client message %s stored", message.id))
        .call(() -> handOverOnRequest(session, event, client))
        .replaceWith(Outcome.stored(session.channelId, session.id.toString()));
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

  static String attachmentsJson(List<Attachment> attachments) {
    if (attachments.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(attachments);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write attachments as JSON", e);
    }
  }
}
