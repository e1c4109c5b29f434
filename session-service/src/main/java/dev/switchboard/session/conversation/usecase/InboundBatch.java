package dev.switchboard.session.conversation.usecase;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.events.SessionEvents;
import dev.switchboard.session.conversation.store.InboundBatchStore;
import dev.switchboard.session.conversation.store.InboundRows.Chat;
import dev.switchboard.session.conversation.store.InboundRows.Identity;
import dev.switchboard.session.conversation.store.InboundRows.MessageKey;
import dev.switchboard.session.conversation.store.InboundRows.NewMessage;
import dev.switchboard.session.conversation.store.InboundRows.NewSession;
import dev.switchboard.session.conversation.store.InboundRows.OpenSession;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.ProcessedEvents;
import dev.switchboard.session.conversation.store.ReceivedRecord;
import dev.switchboard.session.conversation.store.RejectedRecord;
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
import java.util.Set;
import java.util.UUID;

/**
 * A batch of clients' messages read together from {@code oc.inbound.messages.v1} becomes part of
 * their sessions in one transaction, with one statement per table ({@link InboundBatchStore}): what
 * {@link ReceiveClientMessage} does for one message, for the common case of many. A burst of new
 * clients was capped at ~200 sessions/s by the per-message round trips.
 *
 * <p>The batch takes the chats whose messages are plain: connector known and matching, nothing of
 * that connector parked, no chatbot involved. Every other chat (its connector unknown or deleted,
 * older messages parked, a session with the bot or a new one that the bot would take) is left,
 * whole and in order, to {@link ReceiveClientMessage}, one message after the other: a chat's
 * messages are never split between the two, so they keep their order.
 *
 * <p>Idempotent as {@link ReceiveClientMessage}: the event ids in {@code processed_event} and one
 * message per {@code (connectorId, externalChatId, externalMessageId)}, checked in the same
 * transaction.
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
   * @param oneByOne messages left to {@link ReceiveClientMessage}, in the order read
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
                          InboundBatchPlan plan = new InboundBatchPlan(items, connectors, parked);
                          if (plan.candidateChats().isEmpty()) {
                            return Uni.createFrom().item(new Result(0, 0, items));
                          }
                          return store
                              .oneByOneChannels(tx, plan.channelIds())
                              .invoke(plan::oneByOneChannels)
                              .chain(() -> store.identities(tx, plan.candidateChats()))
                              .invoke(plan::identities)
                              .chain(
                                  () ->
                                      store.openSessionsForUpdate(
                                          tx, plan.knownClientIds(), plan.knownClientChannels()))
                              .chain(open -> store(tx, plan.withOpenSessions(open)));
                        }));
  }

  private Uni<Result> store(SqlConnection tx, InboundBatchPlan plan) {
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
  private Uni<Void> write(SqlConnection tx, InboundBatchPlan plan, List<Item> toStore) {
    Instant now = clock.instant();
    Map<Chat, ChatWrite> chats = new LinkedHashMap<>();
    List<PlatformEvent> events = new ArrayList<>();
    List<NewMessage> messages = new ArrayList<>();
    for (Item item : toStore) {
      InboundMessageReceived event = item.event();
      Chat chat = chatOf(event);
      ChatWrite write =
          chats.computeIfAbsent(
              chat, c -> new ChatWrite(plan.connector(event.connectorId()), plan.identity(c)));
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
          events.add(
              SessionEvents.opened(
                  write.sessionChannelId, write.sessionId, write.clientId(), event, now));
          events.add(
              SessionEvents.queued(
                  write.sessionChannelId, write.sessionId, QueueReason.NEW_SESSION, now));
        }
      }
      NewMessage message =
          new NewMessage(
              UUID.randomUUID(),
              write.sessionId,
              write.clientId(),
              write.clientName(),
              event.text(),
              MessageEntity.attachmentsJson(event.attachments()),
              event.occurredAt(),
              keyOf(event),
              event.id());
      write.lastMessageId = message.id();
      messages.add(message);
      events.add(
          SessionEvents.clientMessageReceived(
              write.sessionChannelId, write.sessionId, message.id(), write.clientId(), event, now));
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

  static Chat chatOf(InboundMessageReceived event) {
    return new Chat(event.connectorType().wireName(), event.accountId(), event.externalChatId());
  }

  static MessageKey keyOf(InboundMessageReceived event) {
    return new MessageKey(event.connectorId(), event.externalChatId(), event.externalMessageId());
  }
}
