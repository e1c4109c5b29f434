package dev.switchboard.config.connector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.channel.store.ChannelChangedConcurrently;
import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.connector.domain.TelegramCredentials;
import dev.switchboard.config.connector.messaging.ConnectorChanges;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.config.shared.api.StaleVersionException;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Connector registrations in PostgreSQL (G3); every change is stored and announced in one
 * transaction. The secrets are sealed with the shared {@link SecretsCipher} before they reach the
 * database, bound to the connector's id.
 */
@ApplicationScoped
public class ConnectorStore {

  /** The unique index of V3__connectors.sql: one account, one channel. */
  static final String ONE_CHANNEL_PER_ACCOUNT = "connector_account_attached_once";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject SecretsCipher cipher;
  @Inject ConnectorChanges changes;
  @Inject Clock clock;

  /**
   * Attaches a Telegram bot to a channel (version 1).
   *
   * @throws ProblemException 404 when the channel does not exist, 409 when the bot is attached to a
   *     channel already (G3)
   */
  public Uni<ConnectorEntity> attachTelegram(UUID channelId, TelegramCredentials credentials) {
    String type = ConnectorType.TELEGRAM.wireName();
    String accountId = credentials.accountId();
    return Panache.withTransaction(
            () ->
                // FOR SHARE: a deletion of the channel (O5) waits for this attachment, then
                // detaches it too; or this one waits for the deletion and answers 404.
                ChannelEntity.<ChannelEntity>findById(channelId, LockModeType.PESSIMISTIC_READ)
                    .chain(
                        channel -> {
                          if (channel == null || channel.deletedAt != null) {
                            throw ProblemException.notFound("Channel " + channelId);
                          }
                          return attachedAccount(type, accountId);
                        })
                    .chain(
                        attached ->
                            attached != null
                                ? accountTaken(attached)
                                : store(channelId, type, accountId, credentials)))
        // Two requests for one bot at once both pass the check above; the unique index lets
        // one of them in and refuses the other here.
        .onFailure(ConnectorStore::attachesAnAttachedAccount)
        .recoverWithUni(
            () ->
                Panache.withSession(
                    () ->
                        attachedAccount(type, accountId)
                            .chain(
                                attached ->
                                    attached != null
                                        ? accountTaken(attached)
                                        : Uni.createFrom()
                                            .failure(
                                                ProblemException.conflict(
                                                    accountName(type, accountId)
                                                        + " was being attached to another channel"
                                                        + " at the same time; try again",
                                                    null)))))
        .invoke(changes::flush);
  }

  /**
   * Removes a connector from its channel: a new version with {@code deleted: true}, its sealed
   * secrets erased; the account may then be attached again.
   */
  public Uni<Void> detach(UUID channelId, UUID connectorId, IfMatch ifMatch) {
    return Panache.withTransaction(
            () ->
                ConnectorEntity.<ConnectorEntity>findById(connectorId)
                    .chain(
                        connector -> {
                          if (connector == null
                              || connector.deletedAt != null
                              || !connector.channelId.equals(channelId)) {
                            throw ProblemException.notFound("Connector " + connectorId);
                          }
                          return markDeleted(connector, ifMatch.require(connector.version));
                        })
                    .chain(changes::announce))
        .invoke(changes::flush);
  }

  /**
   * O5: detaches every connector of a channel being deleted, each a new version announced with
   * {@code deleted: true} and its secrets erased; in the caller's transaction. A connector detached
   * at the same moment by someone else makes the caller's change run again.
   */
  public Uni<Void> detachAllOf(UUID channelId) {
    return ConnectorEntity.<ConnectorEntity>list(
            "channelId = ?1 and deletedAt is null order by id", channelId)
        .chain(
            attached ->
                Multi.createFrom()
                    .iterable(attached)
                    .onItem()
                    .transformToUniAndConcatenate(
                        connector ->
                            markDeleted(connector, connector.version)
                                .onFailure()
                                .transform(failure -> new ChannelChangedConcurrently(channelId))
                                .chain(changes::announce))
                    .collect()
                    .asList()
                    .replaceWithVoid());
  }

  /**
   * The next version of {@code connector}, deleted and without secrets, written with a conditional
   * update ({@code where version = expected}). Afterwards the entity mirrors the row but is no
   * longer managed (the update, not the entity, wrote the row).
   */
  private Uni<ConnectorEntity> markDeleted(ConnectorEntity connector, long expected) {
    Instant now = clock.instant();
    return ConnectorEntity.update(
            "version = version + 1, updatedAt = ?1, deletedAt = ?1, secretsAlg = null,"
                + " secretsKeyId = null, secretsNonce = null, secretsCiphertext = null"
                + " where id = ?2 and version = ?3 and deletedAt is null",
            now,
            connector.id,
            expected)
        .chain(
            updated ->
                Panache.getSession()
                    .chain(
                        session -> {
                          if (updated == 0) {
                            return changedMeanwhile(session, connector);
                          }
                          session.detach(connector);
                          connector.version = expected + 1;
                          connector.updatedAt = now;
                          connector.deletedAt = now;
                          connector.secretsAlg = null;
                          connector.secretsKeyId = null;
                          connector.secretsNonce = null;
                          connector.secretsCiphertext = null;
                          return Uni.createFrom().item(connector);
                        }));
  }

  /** Someone changed the connector between our read and our update: 404 or 412. */
  private static Uni<ConnectorEntity> changedMeanwhile(
      Mutiny.Session session, ConnectorEntity connector) {
    return session
        .refresh(connector)
        .map(
            refreshed -> {
              throw connector.deletedAt != null
                  ? ProblemException.notFound("Connector " + connector.id)
                  : new StaleVersionException(connector.version);
            });
  }

  public Uni<Optional<ConnectorEntity>> find(UUID channelId, UUID connectorId) {
    return Panache.withSession(() -> ConnectorEntity.<ConnectorEntity>findById(connectorId))
        .map(
            connector ->
                Optional.ofNullable(connector)
                    .filter(c -> c.deletedAt == null && c.channelId.equals(channelId)));
  }

  /** Up to {@code limit} connectors of a channel after {@code after} (exclusive), in id order. */
  public Uni<List<ConnectorEntity>> page(UUID channelId, UUID after, int limit) {
    return Panache.withSession(
        () ->
            (after == null
                    ? ConnectorEntity.<ConnectorEntity>find(
                        "channelId = ?1 and deletedAt is null order by id", channelId)
                    : ConnectorEntity.<ConnectorEntity>find(
                        "channelId = ?1 and deletedAt is null and id > ?2 order by id",
                        channelId,
                        after))
                .range(0, limit - 1)
                .list());
  }

  private Uni<ConnectorEntity> store(
      UUID channelId, String type, String accountId, TelegramCredentials credentials) {
    Instant now = clock.instant();
    ConnectorEntity connector = new ConnectorEntity();
    connector.id = UUID.randomUUID();
    connector.channelId = channelId;
    connector.connectorType = type;
    connector.accountId = accountId;
    connector.seal(
        cipher.seal(
            secretsJson(credentials), connector.id.toString().getBytes(StandardCharsets.UTF_8)));
    connector.version = 1;
    connector.createdAt = now;
    connector.updatedAt = now;
    return connector
        .<ConnectorEntity>persist()
        // Now, so that the unique index speaks before the event is queued.
        .call(() -> Panache.getSession().chain(session -> session.flush()))
        .call(changes::announce);
  }

  /** {@code {"botToken": "...", "webhookSecret": "..."}} as UTF-8: what the gateway opens. */
  private static byte[] secretsJson(TelegramCredentials credentials) {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("botToken", credentials.botToken());
    secrets.put("webhookSecret", credentials.webhookSecret());
    try {
      return JSON.writeValueAsBytes(secrets);
    } catch (JsonProcessingException e) {
      // A map of two strings always serialises; do not let a message carry them anywhere.
      throw new IllegalStateException("Cannot write the connector's secrets as JSON");
    }
  }

  private static Uni<ConnectorEntity> attachedAccount(String type, String accountId) {
    return ConnectorEntity.<ConnectorEntity>find(
            "connectorType = ?1 and accountId = ?2 and deletedAt is null", type, accountId)
        .firstResult();
  }

  private static <T> Uni<T> accountTaken(ConnectorEntity attached) {
    return ChannelEntity.<ChannelEntity>findById(attached.channelId)
        .map(
            channel -> {
              Map<String, String> where = new LinkedHashMap<>();
              where.put("channelId", attached.channelId.toString());
              where.put("connectorId", attached.id.toString());
              throw ProblemException.conflict(
                  accountName(attached.connectorType, attached.accountId)
                      + " is already attached to channel "
                      + attached.channelId
                      + (channel == null ? "" : " (\"" + channel.name + "\")")
                      + ": one account belongs to one channel (G3); remove it from that channel"
                      + " first",
                  where);
            });
  }

  private static String accountName(String type, String accountId) {
    return ConnectorType.TELEGRAM.wireName().equals(type)
        ? "Telegram bot " + accountId
        : type + " account " + accountId;
  }

  private static boolean attachesAnAttachedAccount(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().contains(ONE_CHANNEL_PER_ACCOUNT)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
