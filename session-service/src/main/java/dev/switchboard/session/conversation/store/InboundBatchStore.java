package dev.switchboard.session.conversation.store;

import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.session.conversation.domain.AuthorType;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.store.InboundRows.Chat;
import dev.switchboard.session.conversation.store.InboundRows.Connector;
import dev.switchboard.session.conversation.store.InboundRows.Identity;
import dev.switchboard.session.conversation.store.InboundRows.MessageKey;
import dev.switchboard.session.conversation.store.InboundRows.NewMessage;
import dev.switchboard.session.conversation.store.InboundRows.NewSession;
import dev.switchboard.session.conversation.store.InboundRows.OneByOneChannels;
import dev.switchboard.session.conversation.store.InboundRows.OpenSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The statements of a batch of inbound messages (the use case {@code InboundBatch}): one statement
 * per table for the whole batch, each taking its rows as arrays ({@code unnest}), on the plain
 * reactive client in the caller's transaction. A new session cost ~15 round trips through
 * Hibernate, one record after the other; a batch of a few hundred now costs about ten.
 */
@ApplicationScoped
public class InboundBatchStore {

  public Uni<Map<String, Connector>> connectors(SqlConnection tx, Collection<String> ids) {
    return query(
            tx,
            "SELECT connector_id, channel_id, connector_type, account_id, deleted"
                + " FROM connector_copy WHERE connector_id = ANY($1)",
            Tuple.of(ids.toArray(String[]::new)))
        .map(
            rows ->
                toMap(
                    rows,
                    row ->
                        new Connector(
                            row.getString(0),
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            row.getBoolean(4)),
                    Connector::connectorId));
  }

  /** The connectors among these with messages parked: newer ones of theirs wait behind them. */
  public Uni<Set<String>> connectorsWithParkedMessages(SqlConnection tx, Collection<String> ids) {
    return query(
            tx,
            "SELECT DISTINCT connector_id FROM parked_inbound WHERE connector_id = ANY($1)",
            Tuple.of(ids.toArray(String[]::new)))
        .map(rows -> toSet(rows, row -> row.getString(0)));
  }

  /**
   * Which of these channels leave their chats to the one-by-one path, read in one statement: those
   * that act when a session opens (a chatbot takes it, B1; a greeting, A1; working time, W1; a
   * consent notice, C1), and those whose every client message may act beyond being stored (A3's
   * interval and A7's timeout move durable clocks; working time may call for W2's off-hours text).
   */
  public Uni<OneByOneChannels> oneByOneChannels(SqlConnection tx, Collection<String> channelIds) {
    return query(
            tx,
            "SELECT channel_id,"
                + " bot_id IS NOT NULL"
                + " OR settings -> 'automation' ->> 'greetingEnabled' = 'true'"
                + " OR settings -> 'workingTime' ->> 'enabled' = 'true'"
                + " OR settings -> 'consent' ->> 'enabled' = 'true',"
                + " jsonb_typeof(settings -> 'automation' -> 'unansweredAfterSeconds') = 'number'"
                + " OR jsonb_typeof(settings -> 'automation' -> 'conversationTimeoutSeconds')"
                + " = 'number' OR settings -> 'workingTime' ->> 'enabled' = 'true'"
                + " FROM channel_copy WHERE channel_id = ANY($1)",
            Tuple.of(channelIds.toArray(String[]::new)))
        .map(
            rows -> {
              Set<String> onOpen = new HashSet<>();
              Set<String> everyMessage = new HashSet<>();
              for (Row row : rows) {
                if (Boolean.TRUE.equals(row.getBoolean(1))) {
                  onOpen.add(row.getString(0));
                }
                if (Boolean.TRUE.equals(row.getBoolean(2))) {
                  everyMessage.add(row.getString(0));
                }
              }
              return new OneByOneChannels(onOpen, everyMessage);
            });
  }

  public Uni<Map<Chat, Identity>> identities(SqlConnection tx, Collection<Chat> chats) {
    return query(
            tx,
            "SELECT i.connector_type, i.account_id, i.external_chat_id, i.id, i.client_id,"
                + " c.display_name, i.external_user_id, i.display_name, i.first_name, i.last_name,"
                + " i.username, i.avatar_url, i.email, i.phone, i.locale"
                + " FROM unnest($1::text[], $2::text[], $3::text[]) AS chat (type, account, id)"
                + " JOIN client_identity i ON i.connector_type = chat.type"
                + " AND i.account_id = chat.account AND i.external_chat_id = chat.id"
                + " JOIN client c ON c.id = i.client_id",
            Tuple.of(
                chats.stream().map(Chat::connectorType).toArray(String[]::new),
                chats.stream().map(Chat::accountId).toArray(String[]::new),
                chats.stream().map(Chat::externalChatId).toArray(String[]::new)))
        .map(
            rows -> {
              Map<Chat, Identity> found = new HashMap<>();
              for (Row row : rows) {
                found.put(
                    new Chat(row.getString(0), row.getString(1), row.getString(2)),
                    new Identity(
                        row.getUUID(3),
                        row.getUUID(4),
                        row.getString(5),
                        new ClientIdentity(
                            row.getString(6),
                            row.getString(7),
                            row.getString(8),
                            row.getString(9),
                            row.getString(10),
                            row.getString(11),
                            row.getString(12),
                            row.getString(13),
                            row.getString(14))));
              }
              return found;
            });
  }

  /**
   * The open sessions of these clients in these channels, locked until the transaction ends (a
   * session being closed meanwhile either commits first, and the message opens a new session, or
   * waits for this one).
   *
   * @return by client id and origin channel, as {@link #sessionKey(UUID, String)}
   */
  public Uni<Map<String, OpenSession>> openSessionsForUpdate(
      SqlConnection tx, List<UUID> clientIds, List<String> originChannelIds) {
    if (clientIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return query(
            tx,
            "SELECT id, client_id, origin_channel_id, channel_id, state FROM session"
                + " WHERE (client_id, origin_channel_id) IN"
                + " (SELECT * FROM unnest($1::uuid[], $2::text[])) AND state <> 'CLOSED'"
                + " FOR UPDATE",
            Tuple.of(clientIds.toArray(UUID[]::new), originChannelIds.toArray(String[]::new)))
        .map(
            rows ->
                toMap(
                    rows,
                    row ->
                        new OpenSession(
                            row.getUUID(0),
                            row.getUUID(1),
                            row.getString(2),
                            row.getString(3),
                            SessionState.valueOf(row.getString(4))),
                    open -> sessionKey(open.clientId(), open.originChannelId())));
  }

  public static String sessionKey(UUID clientId, String originChannelId) {
    return clientId + "/" + originChannelId;
  }

  /** Records the event ids as handled by {@code consumer}; returns those that were not yet. */
  public Uni<Set<String>> recordProcessed(
      SqlConnection tx, String consumer, Collection<String> eventIds) {
    return query(
            tx,
            "INSERT INTO processed_event (consumer, event_id) SELECT $1, unnest($2::text[])"
                + " ON CONFLICT DO NOTHING RETURNING event_id",
            Tuple.of(consumer, eventIds.toArray(String[]::new)))
        .map(rows -> toSet(rows, row -> row.getString(0)));
  }

  /** The messages among these that are stored already (a connector re-sent them). */
  public Uni<Set<MessageKey>> storedMessages(SqlConnection tx, Collection<MessageKey> keys) {
    return query(
            tx,
            "SELECT m.connector_id, m.external_chat_id, m.external_message_id"
                + " FROM unnest($1::text[], $2::text[], $3::text[]) AS k (connector, chat, message)"
                + " JOIN message m ON m.connector_id = k.connector AND m.external_chat_id = k.chat"
                + " AND m.external_message_id = k.message",
            Tuple.of(
                keys.stream().map(MessageKey::connectorId).toArray(String[]::new),
                keys.stream().map(MessageKey::externalChatId).toArray(String[]::new),
                keys.stream().map(MessageKey::externalMessageId).toArray(String[]::new)))
        .map(
            rows ->
                toSet(
                    rows,
                    row -> new MessageKey(row.getString(0), row.getString(1), row.getString(2))));
  }

  /** New clients and their first identity. */
  public Uni<Void> insertClients(
      SqlConnection tx, List<Chat> chats, List<Identity> identities, Instant now) {
    if (identities.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    OffsetDateTime at = utc(now);
    Uni<Void> clients =
        execute(
            tx,
            "INSERT INTO client (id, display_name, created_at, updated_at)"
                + " SELECT id, name, $3, $3 FROM unnest($1::uuid[], $2::text[]) AS c (id, name)",
            Tuple.of(
                identities.stream().map(Identity::clientId).toArray(UUID[]::new),
                identities.stream().map(Identity::clientName).toArray(String[]::new),
                at));
    return clients.chain(
        () ->
            execute(
                tx,
                "INSERT INTO client_identity (id, client_id, connector_type, account_id,"
                    + " external_chat_id, external_user_id, display_name, first_name, last_name,"
                    + " username, avatar_url, email, phone, locale, created_at, updated_at)"
                    + " SELECT *, $15, $15 FROM unnest($1::uuid[], $2::uuid[], $3::text[],"
                    + " $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],"
                    + " $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])",
                withDetails(
                    List.of(
                        identities.stream().map(Identity::id).toArray(UUID[]::new),
                        identities.stream().map(Identity::clientId).toArray(UUID[]::new),
                        chats.stream().map(Chat::connectorType).toArray(String[]::new),
                        chats.stream().map(Chat::accountId).toArray(String[]::new),
                        chats.stream().map(Chat::externalChatId).toArray(String[]::new)),
                    identities,
                    at)));
  }

  /** Identities the connector told something new about, and their clients' display names. */
  public Uni<Void> updateIdentities(SqlConnection tx, List<Identity> identities, Instant now) {
    if (identities.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    OffsetDateTime at = utc(now);
    return execute(
            tx,
            "UPDATE client_identity i SET external_user_id = u.external_user_id,"
                + " display_name = u.display_name, first_name = u.first_name,"
                + " last_name = u.last_name, username = u.username, avatar_url = u.avatar_url,"
                + " email = u.email, phone = u.phone, locale = u.locale, updated_at = $11"
                + " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],"
                + " $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS u (id,"
                + " external_user_id, display_name, first_name, last_name, username, avatar_url,"
                + " email, phone, locale) WHERE i.id = u.id",
            withDetails(
                // One parameter, the array (a bare UUID[] would be spread as List.of's varargs).
                List.<Object>of(
                    (Object) identities.stream().map(Identity::id).toArray(UUID[]::new)),
                identities,
                at))
        .chain(
            () ->
                execute(
                    tx,
                    "UPDATE client c SET display_name = u.name, updated_at = $3"
                        + " FROM unnest($1::uuid[], $2::text[]) AS u (id, name)"
                        + " WHERE c.id = u.id AND c.display_name IS DISTINCT FROM u.name",
                    Tuple.of(
                        identities.stream().map(Identity::clientId).toArray(UUID[]::new),
                        identities.stream().map(Identity::clientName).toArray(String[]::new),
                        at)));
  }

  /** New sessions waiting for an agent (QUEUED), in this order. */
  public Uni<Void> insertQueuedSessions(SqlConnection tx, List<NewSession> sessions, Instant now) {
    if (sessions.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return execute(
        tx,
        "INSERT INTO session (id, channel_id, origin_channel_id, client_id, connector_id,"
            + " connector_type, account_id, external_chat_id, state, opened_at, last_message_id)"
            + " SELECT id, channel_id, channel_id, client_id, connector_id, connector_type,"
            + " account_id, external_chat_id, '"
            + SessionState.QUEUED.name()
            + "', $9, last_message_id FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[],"
            + " $5::text[], $6::text[], $7::text[], $8::uuid[]) WITH ORDINALITY AS s (id,"
            + " channel_id, client_id, connector_id, connector_type, account_id, external_chat_id,"
            + " last_message_id, position) ORDER BY position",
        Tuple.from(
            List.of(
                sessions.stream().map(NewSession::id).toArray(UUID[]::new),
                sessions.stream().map(NewSession::channelId).toArray(String[]::new),
                sessions.stream().map(NewSession::clientId).toArray(UUID[]::new),
                sessions.stream().map(NewSession::connectorId).toArray(String[]::new),
                sessions.stream().map(NewSession::connectorType).toArray(String[]::new),
                sessions.stream().map(NewSession::accountId).toArray(String[]::new),
                sessions.stream().map(NewSession::externalChatId).toArray(String[]::new),
                sessions.stream().map(NewSession::lastMessageId).toArray(UUID[]::new),
                utc(now))));
  }

  /** Clients' messages, in this order (their {@code seq} follows it). */
  public Uni<Void> insertClientMessages(SqlConnection tx, List<NewMessage> messages) {
    if (messages.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return execute(
        tx,
        "INSERT INTO message (id, session_id, author_type, author_id, author_name, text,"
            + " attachments, at, connector_id, external_chat_id, external_message_id,"
            + " inbound_event_id)"
            + " SELECT id, session_id, '"
            + AuthorType.CLIENT.name()
            + "', author_id, author_name, text, attachments, at, connector_id, external_chat_id,"
            + " external_message_id, inbound_event_id FROM unnest($1::uuid[], $2::uuid[],"
            + " $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[],"
            + " $9::text[], $10::text[], $11::text[]) WITH ORDINALITY AS m (id, session_id,"
            + " author_id, author_name, text, attachments, at, connector_id, external_chat_id,"
            + " external_message_id, inbound_event_id, position) ORDER BY position",
        Tuple.from(
            List.of(
                messages.stream().map(NewMessage::id).toArray(UUID[]::new),
                messages.stream().map(NewMessage::sessionId).toArray(UUID[]::new),
                messages.stream().map(m -> m.clientId().toString()).toArray(String[]::new),
                messages.stream().map(NewMessage::authorName).toArray(String[]::new),
                messages.stream().map(NewMessage::text).toArray(String[]::new),
                messages.stream().map(NewMessage::attachments).toArray(String[]::new),
                messages.stream().map(m -> utc(m.at())).toArray(OffsetDateTime[]::new),
                messages.stream().map(m -> m.key().connectorId()).toArray(String[]::new),
                messages.stream().map(m -> m.key().externalChatId()).toArray(String[]::new),
                messages.stream().map(m -> m.key().externalMessageId()).toArray(String[]::new),
                messages.stream().map(NewMessage::inboundEventId).toArray(String[]::new))));
  }

  /** Each session's newest message, for sessions that were open before this batch. */
  public Uni<Void> updateLastMessages(SqlConnection tx, Map<UUID, UUID> lastMessageBySession) {
    if (lastMessageBySession.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return execute(
        tx,
        "UPDATE session s SET last_message_id = u.message_id"
            + " FROM unnest($1::uuid[], $2::uuid[]) AS u (session_id, message_id)"
            + " WHERE s.id = u.session_id",
        Tuple.of(
            lastMessageBySession.keySet().toArray(UUID[]::new),
            lastMessageBySession.values().toArray(UUID[]::new)));
  }

  /**
   * The leading columns, then one array per detail of the identities (external user id, display
   * name, first and last name, username, avatar, e-mail, phone, locale), then the time.
   */
  private static Tuple withDetails(
      List<Object> leading, List<Identity> identities, OffsetDateTime at) {
    List<Object> values = new ArrayList<>(leading);
    List<Function<ClientIdentity, String>> details =
        List.of(
            ClientIdentity::externalUserId,
            ClientIdentity::displayName,
            ClientIdentity::firstName,
            ClientIdentity::lastName,
            ClientIdentity::username,
            ClientIdentity::avatarUrl,
            ClientIdentity::email,
            ClientIdentity::phone,
            ClientIdentity::locale);
    for (Function<ClientIdentity, String> detail : details) {
      values.add(identities.stream().map(i -> detail.apply(i.details())).toArray(String[]::new));
    }
    values.add(at);
    return Tuple.from(values);
  }

  private static Uni<RowSet<Row>> query(SqlConnection tx, String sql, Tuple values) {
    return tx.preparedQuery(sql).execute(values);
  }

  private static Uni<Void> execute(SqlConnection tx, String sql, Tuple values) {
    return tx.preparedQuery(sql).execute(values).replaceWithVoid();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static <K, V> Map<K, V> toMap(
      RowSet<Row> rows, Function<Row, V> value, Function<V, K> key) {
    Map<K, V> map = new HashMap<>();
    for (Row row : rows) {
      V v = value.apply(row);
      map.put(key.apply(v), v);
    }
    return map;
  }

  private static <T> Set<T> toSet(RowSet<Row> rows, Function<Row, T> value) {
    Set<T> set = new HashSet<>();
    for (Row row : rows) {
      set.add(value.apply(row));
    }
    return set;
  }
}
