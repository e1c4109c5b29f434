package dev.switchboard.session.conversation.store;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.session.conversation.domain.ClientNames;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.store.InboundBatchStore.Chat;
import dev.switchboard.session.conversation.store.InboundBatchStore.Connector;
import dev.switchboard.session.conversation.store.InboundBatchStore.Identity;
import dev.switchboard.session.conversation.store.InboundBatchStore.MessageKey;
import dev.switchboard.session.conversation.store.InboundBatchStore.NewMessage;
import dev.switchboard.session.conversation.store.InboundBatchStore.NewSession;
import dev.switchboard.session.conversation.store.InboundBatchStore.OpenSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A batch of clients' messages read together from {@code oc.inbound.messages.v1} becomes part of
 * their sessions in one transaction, with one statement per table ({@link InboundBatchStore}): what
 * {@link InboundIntake} does for one message, for the common case of many. A burst of new clients
 * was capped at ~200 sessions/s by the per-message round trips.
 *
 * <p>The batch takes the chats whose messages are plain: connector known and matching, nothing of
 * that connector parked, no chatbot involved. Every other chat (its connector unknown or deleted,
 * older messages parked, a session with the bot or a new one that the bot would take) is left,
 * whole and in order, to {@link InboundIntake}, one message after the other: a chat's messages are
 * never split between the two, so they keep their order.
 *
 * <p>Idempotent as {@link InboundIntake}: the event ids in {@code processed_event} and one message
 * per {@code (connectorId, externalChatId, externalMessageId)}, checked in the same transaction.
 */
@ApplicationScoped
public class InboundBatch {

  @Inject Pool pool;
  @Inject InboundBatchStore store;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  /** One message read from the topic. */
  public record Item(InboundMessageReceived event, ReceivedRecord record) {}

  /**
   * What the batch did.
   *
   * @param stored messages stored in their sessions
   * @param duplicates messages (or event ids) had already
   * @param oneByOne messages left to {@link InboundIntake}, in the order read
   */
  public record Result(int stored, int duplicates, List<Item> oneByOne) {}

  /**
   * Stores the plain messages of the batch and dead-letters the rejected records, in one
   * transaction; returns what is left to handle one by one.
   */
  public Uni<Result> accept(List<Item> items, List<RejectedRecord> rejected) {
    return pool.withTransaction(
        tx ->
            announcements
                .deadLetterAll(tx, rejected)
                .chain(() -> items.isEmpty() ? Uni.createFrom().item(none()) : accept(tx, items)));
  }

  private static Result none() {
    return new Result(0, 0, List.of());
  }

  private Uni<Result> accept(SqlConnection tx, List<Item> items) {
    Set<String> connectorIds = new HashSet<>();
    items.forEach(item -> connectorIds.add(item.event().connectorId()));
    return store
        .connectors(tx, connectorIds)
        .chain(
            connectors ->
                store
                    .connectorsWithParkedMessages(tx, connectorIds)
                    .chain(
                        parked -> {
                          Plan plan = new Plan(items, connectors, parked);
                          if (plan.candidateChats().isEmpty()) {
                            return Uni.createFrom().item(new Result(0, 0, items));
                          }
                          return store
                              .channelsWithBot(tx, plan.channelIds())
                              .invoke(plan::channelsWithBot)
                              .chain(() -> store.identities(tx, plan.candidateChats()))
                              .invoke(plan::identities)
                              .chain(
                                  () ->
                                      store.openSessionsForUpdate(
                                          tx, plan.knownClientIds(), plan.knownClientChannels()))
                              .chain(open -> store(tx, plan.withOpenSessions(open)));
                        }));
  }

  private Uni<Result> store(SqlConnection tx, Plan plan) {
    List<Item> batch = plan.batched();
    if (batch.isEmpty()) {
      return Uni.createFrom().item(new Result(0, 0, plan.oneByOne()));
    }
    return store
        .recordProcessed(
            tx, ProcessedEvents.INBOUND, batch.stream().map(i -> i.event().id()).toList())
        .chain(
            fresh -> {
              List<Item> unseen = new ArrayList<>();
              Set<MessageKey> keys = new HashSet<>();
              for (Item item : batch) {
                if (fresh.contains(item.event().id()) && keys.add(keyOf(item.event()))) {
                  unseen.add(item);
                }
              }
              if (unseen.isEmpty()) {
                return Uni.createFrom().item(new Result(0, batch.size(), plan.oneByOne()));
              }
              return store
                  .storedMessages(tx, keys)
                  .chain(
                      stored -> {
                        List<Item> toStore =
                            unseen.stream()
                                .filter(item -> !stored.contains(keyOf(item.event())))
                                .toList();
                        return write(tx, plan, toStore)
                            .replaceWith(
                                new Result(
                                    toStore.size(),
                                    batch.size() - toStore.size(),
                                    plan.oneByOne()));
                      });
            });
  }

  /** The rows and events of the messages to store, written one statement per table. */
  private Uni<Void> write(SqlConnection tx, Plan plan, List<Item> toStore) {
    Instant now = clock.instant();
    Map<Chat, ChatWrite> chats = new LinkedHashMap<>();
    List<PlatformEvent> events = new ArrayList<>();
    List<NewMessage> messages = new ArrayList<>();
    for (Item item : toStore) {
      InboundMessageReceived event = item.event();
      Chat chat = chatOf(event);
      ChatWrite write =
          chats.computeIfAbsent(
              chat,
              c -> new ChatWrite(plan.connectors.get(event.connectorId()), plan.identities.get(c)));
      write.learn(event.client());
      if (write.sessionId == null) {
        OpenSession open = plan.openSession(write.clientId(), write.connector.channelId());
        if (open != null) {
          write.sessionId = open.id();
          write.sessionChannelId = open.channelId();
        } else {
          write.sessionId = UUID.randomUUID();
          write.sessionChannelId = write.connector.channelId();
          write.opened = true;
          events.add(opened(write, event, now));
          events.add(queued(write, now));
        }
      }
      NewMessage message =
          new NewMessage(
              UUID.randomUUID(),
              write.sessionId,
              write.clientId(),
              write.clientName(),
              event.text(),
              InboundIntake.attachmentsJson(event.attachments()),
              event.occurredAt(),
              keyOf(event),
              event.id());
      write.lastMessageId = message.id();
      messages.add(message);
      events.add(received(write, message, event, now));
    }
    List<Chat> newChats = new ArrayList<>();
    List<Identity> newIdentities = new ArrayList<>();
    List<Identity> changedIdentities = new ArrayList<>();
    List<NewSession> newSessions = new ArrayList<>();
    Map<UUID, UUID> lastMessages = new HashMap<>();
    chats.forEach(
        (chat, write) -> {
          if (write.held == null) {
            newChats.add(chat);
            newIdentities.add(write.current);
          } else if (!write.current.equals(write.held)) {
            changedIdentities.add(write.current);
          }
          if (write.opened) {
            newSessions.add(
                new NewSession(
                    write.sessionId,
                    write.sessionChannelId,
                    write.clientId(),
                    write.connector.connectorId(),
                    chat.connectorType(),
                    chat.accountId(),
                    chat.externalChatId(),
                    write.lastMessageId));
          } else {
            lastMessages.put(write.sessionId, write.lastMessageId);
          }
        });
    return store
        .insertClients(tx, newChats, newIdentities, now)
        .chain(() -> store.updateIdentities(tx, changedIdentities, now))
        .chain(() -> store.insertQueuedSessions(tx, newSessions, now))
        .chain(() -> store.insertClientMessages(tx, messages))
        .chain(() -> store.updateLastMessages(tx, lastMessages))
        .chain(() -> announcements.announceAll(tx, events));
  }

  private static SessionOpened opened(ChatWrite write, InboundMessageReceived event, Instant now) {
    return new SessionOpened(
        PlatformEvent.newId(),
        write.sessionChannelId,
        write.sessionId.toString(),
        write.clientId().toString(),
        event.connectorType(),
        event.connectorId(),
        event.accountId(),
        event.externalChatId(),
        event.client(),
        now);
  }

  private static SessionQueued queued(ChatWrite write, Instant now) {
    return new SessionQueued(
        PlatformEvent.newId(),
        write.sessionChannelId,
        write.sessionId.toString(),
        QueueReason.NEW_SESSION,
        null,
        now);
  }

  private static ClientMessageReceived received(
      ChatWrite write, NewMessage message, InboundMessageReceived event, Instant now) {
    return new ClientMessageReceived(
        PlatformEvent.newId(),
        write.sessionChannelId,
        write.sessionId.toString(),
        message.id().toString(),
        write.clientId().toString(),
        event.id(),
        event.externalMessageId(),
        event.text(),
        event.attachments(),
        event.sentAt(),
        now);
  }

  private static Chat chatOf(InboundMessageReceived event) {
    return new Chat(event.connectorType().wireName(), event.accountId(), event.externalChatId());
  }

  private static MessageKey keyOf(InboundMessageReceived event) {
    return new MessageKey(event.connectorId(), event.externalChatId(), event.externalMessageId());
  }

  /** Which chats of the batch are stored here and which are left to the one-by-one path. */
  private static final class Plan {

    private final List<Item> items;
    private final Map<String, Connector> connectors;
    private final Set<Chat> oneByOneChats = new HashSet<>();
    private final Set<Chat> candidateChats = new HashSet<>();
    private final Map<Chat, String> channelOfChat = new HashMap<>();
    private Set<String> channelsWithBot = Set.of();
    private Map<Chat, Identity> identities = Map.of();
    private Map<String, OpenSession> openSessions = Map.of();

    Plan(List<Item> items, Map<String, Connector> connectors, Set<String> parked) {
      this.items = items;
      this.connectors = connectors;
      for (Item item : items) {
        InboundMessageReceived event = item.event();
        Connector connector = connectors.get(event.connectorId());
        Chat chat = chatOf(event);
        if (connector == null
            || parked.contains(event.connectorId())
            || InboundIntake.refusal(
                    event,
                    connector.deleted(),
                    connector.connectorId(),
                    connector.type(),
                    connector.accountId())
                != null
            || !connector
                .channelId()
                .equals(channelOfChat.getOrDefault(chat, connector.channelId()))) {
          oneByOneChats.add(chat);
        } else {
          channelOfChat.put(chat, connector.channelId());
        }
      }
      for (Chat chat : channelOfChat.keySet()) {
        if (!oneByOneChats.contains(chat)) {
          candidateChats.add(chat);
        }
      }
    }

    Set<Chat> candidateChats() {
      return candidateChats;
    }

    Set<String> channelIds() {
      return new HashSet<>(channelOfChat.values());
    }

    void channelsWithBot(Set<String> channels) {
      this.channelsWithBot = channels;
    }

    void identities(Map<Chat, Identity> found) {
      this.identities = found;
    }

    List<UUID> knownClientIds() {
      return identities.values().stream().map(Identity::clientId).toList();
    }

    List<String> knownClientChannels() {
      return identities.keySet().stream().map(channelOfChat::get).toList();
    }

    /**
     * The chatbot decides what happens to a session of its own (B1's handover keywords) and takes
     * new sessions of its channel: those chats are left to the one-by-one path.
     */
    Plan withOpenSessions(Map<String, OpenSession> open) {
      this.openSessions = open;
      for (Chat chat : candidateChats) {
        Identity identity = identities.get(chat);
        OpenSession session =
            identity == null ? null : openSession(identity.clientId(), channelOfChat.get(chat));
        boolean withBot =
            session == null
                ? channelsWithBot.contains(channelOfChat.get(chat))
                : session.state() == SessionState.BOT;
        if (withBot) {
          oneByOneChats.add(chat);
        }
      }
      return this;
    }

    OpenSession openSession(UUID clientId, String originChannelId) {
      return openSessions.get(InboundBatchStore.sessionKey(clientId, originChannelId));
    }

    List<Item> batched() {
      return items.stream().filter(item -> !oneByOneChats.contains(chatOf(item.event()))).toList();
    }

    List<Item> oneByOne() {
      return items.stream().filter(item -> oneByOneChats.contains(chatOf(item.event()))).toList();
    }
  }

  /** What the batch writes for one chat: its client's identity as it evolves, its session. */
  private static final class ChatWrite {

    final Connector connector;
    final Identity held;
    Identity current;
    UUID sessionId;
    String sessionChannelId;
    boolean opened;
    UUID lastMessageId;

    ChatWrite(Connector connector, Identity held) {
      this.connector = connector;
      this.held = held;
      this.current = held;
    }

    UUID clientId() {
      return current.clientId();
    }

    String clientName() {
      return current.clientName();
    }

    /**
     * What the connector now says of the client; a detail it leaves out is kept (as {@link
     * InboundIntake} does).
     */
    void learn(ClientIdentity who) {
      if (current == null) {
        current = named(new Identity(UUID.randomUUID(), UUID.randomUUID(), null, who));
        return;
      }
      ClientIdentity held = current.details();
      ClientIdentity merged =
          new ClientIdentity(
              who.externalUserId(),
              InboundIntake.keep(held.displayName(), who.displayName()),
              InboundIntake.keep(held.firstName(), who.firstName()),
              InboundIntake.keep(held.lastName(), who.lastName()),
              InboundIntake.keep(held.username(), who.username()),
              InboundIntake.keep(held.avatarUrl(), who.avatarUrl()),
              InboundIntake.keep(held.email(), who.email()),
              InboundIntake.keep(held.phone(), who.phone()),
              InboundIntake.keep(held.locale(), who.locale()));
      current = named(new Identity(current.id(), current.clientId(), current.clientName(), merged));
    }

    private static Identity named(Identity identity) {
      String name = ClientNames.displayName(identity.details());
      return Objects.equals(name, identity.clientName())
          ? identity
          : new Identity(identity.id(), identity.clientId(), name, identity.details());
    }
  }
}
