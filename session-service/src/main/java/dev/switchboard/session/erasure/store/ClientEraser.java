package dev.switchboard.session.erasure.store;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.session.ClientErased;
import dev.switchboard.session.conversation.domain.AuthorType;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.erasure.domain.ClientErasure;
import dev.switchboard.session.erasure.domain.ClientHasOpenSessions;
import dev.switchboard.session.erasure.domain.ClientNotFound;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Erases a client's personal data (GDPR Art. 17) in one transaction, and announces {@link
 * ClientErased} for each of its sessions through the outbox of that transaction, so that every
 * other copy forgets it too (docs/topics.md, "Erasure"). Kept, anonymised, for the statistics: the
 * client row (without a name), its sessions (channel, agents, states, times) and its messages
 * (author type, author id, time) with their texts replaced. The connector identities are deleted
 * and the chat ids replaced by random pseudonyms, so the same person writing again is a new client.
 */
@ApplicationScoped
public class ClientEraser {

  private static final Logger LOG = Logger.getLogger(ClientEraser.class);

  @Inject Pool pool;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;

  @ConfigProperty(name = "switchboard.erasure.relay-wait")
  Duration relayWait;

  /** A session of the client: what its {@code ClientErased} names. */
  private record ClientSession(UUID id, String channelId, SessionState state) {}

  public Uni<ClientErasure> erase(String clientId) {
    UUID id = parseId(clientId);
    if (id == null) {
      return Uni.createFrom().failure(new ClientNotFound(clientId));
    }
    return pool.withTransaction(tx -> erase(tx, id))
        .invoke(announcements::flush)
        .call(done -> sweepOnceRelayed(done.sessionIds(), done.outboxWatermark()))
        .map(Erased::erasure);
  }

  /**
   * What the transaction did, and the newest outbox row at its commit: once the relay published
   * every row up to it, no row naming the client's sessions is left to publish.
   */
  private record Erased(ClientErasure erasure, UUID[] sessionIds, long outboxWatermark) {}

  /**
   * The outbox rows of the client's sessions that were still waiting at the erasure (an agent's
   * last reply, the closing) are published a moment later, and keep their texts: waits (at most
   * {@code switchboard.erasure.relay-wait}) until the relay has sent every row up to the erasure's,
   * then deletes them too. Past that wait (Kafka down), the answer does not wait longer: a repeated
   * {@code DELETE} sweeps again.
   */
  private Uni<Void> sweepOnceRelayed(UUID[] sessionIds, long watermark) {
    if (sessionIds.length == 0) {
      return Uni.createFrom().voidItem();
    }
    return pool.preparedQuery(
            "SELECT NOT EXISTS (SELECT 1 FROM outbox WHERE id <= $1 AND published_at IS NULL"
                + " AND failed_at IS NULL)")
        .execute(Tuple.of(watermark))
        .map(rows -> rows.iterator().next().getBoolean(0))
        .invoke(
            relayed -> {
              if (!relayed) {
                throw new OutboxNotRelayedYet();
              }
            })
        .onFailure(OutboxNotRelayedYet.class)
        .retry()
        .withBackOff(Duration.ofMillis(50), Duration.ofMillis(500))
        .expireIn(relayWait.toMillis())
        .chain(() -> pool.withTransaction(tx -> forgetOutbox(tx, sessionIds, new String[0])))
        .onFailure(OutboxNotRelayedYet.class)
        .recoverWithUni(
            () -> {
              LOG.warnf(
                  "Outbox rows of erased sessions not published within %s: a repeated erasure"
                      + " removes them",
                  relayWait);
              return Uni.createFrom().voidItem();
            });
  }

  /** The relay has not yet published every row up to the erasure's. */
  private static final class OutboxNotRelayedYet extends RuntimeException {
    OutboxNotRelayedYet() {
      super("outbox not relayed yet", null, false, false);
    }
  }

  private Uni<Erased> erase(SqlConnection tx, UUID clientId) {
    return tx.preparedQuery("SELECT erased_at FROM client WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(clientId))
        .chain(
            rows -> {
              if (rows.size() == 0) {
                throw new ClientNotFound(clientId.toString());
              }
              OffsetDateTime erasedBefore = rows.iterator().next().getOffsetDateTime(0);
              return sessionsOf(tx, clientId)
                  .chain(
                      sessions ->
                          (erasedBefore != null
                                  ? Uni.createFrom()
                                      .item(
                                          new ClientErasure(
                                              clientId, erasedBefore.toInstant(), sessions.size()))
                                  : eraseNow(tx, clientId, sessions))
                              .chain(
                                  erasure ->
                                      outboxWatermark(tx)
                                          .map(
                                              watermark ->
                                                  new Erased(
                                                      erasure,
                                                      sessions.stream()
                                                          .map(ClientSession::id)
                                                          .toArray(UUID[]::new),
                                                      watermark))));
            });
  }

  private Uni<ClientErasure> eraseNow(
      SqlConnection tx, UUID clientId, List<ClientSession> sessions) {
    List<String> open =
        sessions.stream()
            .filter(s -> s.state() != SessionState.CLOSED)
            .map(s -> s.id().toString())
            .toList();
    if (!open.isEmpty()) {
      throw new ClientHasOpenSessions(open);
    }
    // As PostgreSQL keeps it, so that a repeat answers the very same instant.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    UUID[] sessionIds = sessions.stream().map(ClientSession::id).toArray(UUID[]::new);
    return chatKeysOf(tx, clientId)
        .chain(chatKeys -> forgetCopies(tx, sessionIds, chatKeys))
        .chain(() -> eraseMessages(tx, sessionIds))
        .chain(
            () ->
                execute(
                    tx,
                    "UPDATE session SET external_chat_id = $2 || gen_random_uuid()"
                        + " WHERE client_id = $1",
                    Tuple.of(clientId, ClientErasure.CHAT_PSEUDONYM_PREFIX)))
        .chain(
            () ->
                execute(tx, "DELETE FROM client_identity WHERE client_id = $1", Tuple.of(clientId)))
        .chain(
            () ->
                execute(
                    tx,
                    "UPDATE client SET display_name = NULL, erased_at = $2, updated_at = $2"
                        + " WHERE id = $1",
                    Tuple.of(clientId, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))))
        .chain(
            () ->
                announcements.announceAll(
                    tx,
                    sessions.stream()
                        .map(
                            s ->
                                new ClientErased(
                                    PlatformEvent.newId(),
                                    s.channelId(),
                                    s.id().toString(),
                                    clientId.toString(),
                                    now))
                        .toList()))
        .invoke(
            () -> LOG.infof("Client %s erased: %d sessions anonymised", clientId, sessions.size()))
        .map(ignored -> new ClientErasure(clientId, now, sessions.size()));
  }

  private static Uni<Long> outboxWatermark(SqlConnection tx) {
    return tx.query("SELECT coalesce(max(id), 0) FROM outbox")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static Uni<List<ClientSession>> sessionsOf(SqlConnection tx, UUID clientId) {
    return tx.preparedQuery(
            "SELECT id, channel_id, state FROM session WHERE client_id = $1 ORDER BY seq")
        .execute(Tuple.of(clientId))
        .map(
            rows -> {
              List<ClientSession> sessions = new ArrayList<>();
              for (Row row : rows) {
                sessions.add(
                    new ClientSession(
                        row.getUUID(0), row.getString(1), SessionState.valueOf(row.getString(2))));
              }
              return sessions;
            });
  }

  /**
   * The keys of the client's chats on the message topics: {@code connectorType:accountId:chatId}.
   */
  private static Uni<String[]> chatKeysOf(SqlConnection tx, UUID clientId) {
    return tx.preparedQuery(
            "SELECT connector_type || ':' || account_id || ':' || external_chat_id"
                + " FROM client_identity WHERE client_id = $1")
        .execute(Tuple.of(clientId))
        .map(rows -> strings(rows).toArray(String[]::new));
  }

  /**
   * This service's own copies of the client's events: the outbox rows already published (or given
   * up on) that name one of its sessions or chats, and inbound records parked for one of its chats.
   * Rows not yet published are left to the relay (deleting them would take the events from the
   * other services before they read the erasure) and swept once it sent them ({@link
   * #sweepOnceRelayed}).
   */
  private static Uni<Void> forgetCopies(SqlConnection tx, UUID[] sessionIds, String[] chatKeys) {
    return forgetOutbox(tx, sessionIds, chatKeys)
        .chain(
            () ->
                execute(
                    tx,
                    "DELETE FROM parked_inbound WHERE record_key = ANY($1)",
                    Tuple.of(chatKeys)));
  }

  private static Uni<Void> forgetOutbox(SqlConnection tx, UUID[] sessionIds, String[] chatKeys) {
    String[] sessionPatterns = new String[sessionIds.length];
    for (int i = 0; i < sessionIds.length; i++) {
      sessionPatterns[i] = "%" + sessionIds[i] + "%";
    }
    return execute(
        tx,
        "DELETE FROM outbox WHERE (published_at IS NOT NULL OR failed_at IS NOT NULL)"
            + " AND (record_key = ANY($1) OR payload LIKE ANY($2))",
        Tuple.of(chatKeys, sessionPatterns));
  }

  /**
   * Every text of the sessions is replaced (a reply may quote the client), attachments are dropped,
   * a client's name on its messages is removed; agents' names stay (they are not the client's).
   */
  private static Uni<Void> eraseMessages(SqlConnection tx, UUID[] sessionIds) {
    return execute(
        tx,
        "UPDATE message SET text = $2, attachments = NULL,"
            + " author_name = CASE WHEN author_type = $3 THEN NULL ELSE author_name END,"
            + " external_chat_id = CASE WHEN external_chat_id IS NULL THEN NULL"
            + " ELSE $4 || gen_random_uuid() END"
            + " WHERE session_id = ANY($1)",
        Tuple.of(
            sessionIds,
            ClientErasure.ERASED_TEXT,
            AuthorType.CLIENT.name(),
            ClientErasure.CHAT_PSEUDONYM_PREFIX));
  }

  private static List<String> strings(RowSet<Row> rows) {
    List<String> values = new ArrayList<>();
    rows.forEach(row -> values.add(row.getString(0)));
    return values;
  }

  private static Uni<Void> execute(SqlConnection tx, String sql, Tuple values) {
    return tx.preparedQuery(sql).execute(values).replaceWithVoid();
  }

  private static UUID parseId(String id) {
    try {
      return id == null ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
