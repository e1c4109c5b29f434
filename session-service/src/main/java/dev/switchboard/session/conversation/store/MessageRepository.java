package dev.switchboard.session.conversation.store;

import dev.switchboard.events.inbound.InboundMessageReceived;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Sessions' messages as stored; every method runs in the caller's session. */
@ApplicationScoped
public class MessageRepository {

  /** A session's messages in order, after the cursor's sequence. */
  public Uni<List<MessageEntity>> page(UUID sessionId, long afterSeq, int limit) {
    return MessageEntity.<MessageEntity>find(
            "sessionId = ?1 and seq > ?2 order by seq", sessionId, afterSeq)
        .range(0, limit - 1)
        .list();
  }

  /** One message of the session; null when the session has no such message. */
  public Uni<MessageEntity> one(UUID sessionId, UUID messageId) {
    return MessageEntity.<MessageEntity>find("id = ?1 and sessionId = ?2", messageId, sessionId)
        .firstResult();
  }

  /** Whether the session's client got this automatic text already ({@code automatic_text}). */
  public Uni<Boolean> hasAutomaticText(UUID sessionId, String automaticText) {
    return MessageEntity.count("sessionId = ?1 and automaticText = ?2", sessionId, automaticText)
        .map(sent -> sent > 0);
  }

  /** Stores a new message as the session's newest. */
  public Uni<MessageEntity> append(SessionEntity session, MessageEntity message) {
    message.sessionId = session.id;
    session.lastMessageId = message.id;
    return message.persist();
  }

  /**
   * O3 without history: every message of the session keeps its row (author, time, connector key)
   * but loses its text ({@link MessageEntity#DELETED_TEXT}) and attachments; the number of messages
   * changed. Messages of this transaction not yet written are written first.
   */
  public Uni<Integer> forget(UUID sessionId) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .flush()
                    .chain(
                        () ->
                            session
                                .createNativeQuery(
                                    "UPDATE message SET text = :deleted, attachments = NULL"
                                        + " WHERE session_id = :sessionId")
                                .setParameter("deleted", MessageEntity.DELETED_TEXT)
                                .setParameter("sessionId", sessionId)
                                .executeUpdate()));
  }

  /**
   * Records the inbound event id as handled and tells whether the message was had already: the same
   * event id, or the same connector message under a new event id. One round trip for both checks.
   */
  public Uni<Boolean> alreadyHave(InboundMessageReceived event) {
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
}
