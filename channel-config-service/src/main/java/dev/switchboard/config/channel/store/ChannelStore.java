package dev.switchboard.config.channel.store;

import dev.switchboard.config.channel.messaging.ChannelChanges;
import dev.switchboard.config.connector.store.ConnectorStore;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.config.shared.api.StaleVersionException;
import dev.switchboard.config.shared.store.QueueDirectoryLock;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Channels in PostgreSQL; every change is stored and announced in one transaction. */
@ApplicationScoped
public class ChannelStore {

  /** How many times a change runs when another change of the same channel commits first. */
  private static final int ATTEMPTS = 3;

  @Inject ChannelChanges changes;
  @Inject ConnectorStore connectors;
  @Inject Clock clock;

  /** G2: how many (not deleted) channels this deployment may hold; absent means no limit. */
  @ConfigProperty(name = "switchboard.channels.max-count")
  Optional<Integer> maxCount;

  /**
   * Runs {@code change} on the channel as stored now (null when unknown), in one transaction under
   * the queue/directory lock. When another change of the channel commits first, it runs again on
   * the new state, up to three times, then answers 409. After a commit that {@code changed} says
   * made a new version, the outbox is published at once.
   *
   * @param what what is being saved, for the 409's message ("its queue", "it")
   */
  public <T> Uni<T> change(
      UUID channelId, String what, Function<ChannelEntity, Uni<T>> change, Predicate<T> changed) {
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        QueueDirectoryLock.acquire()
                            .chain(() -> ChannelEntity.<ChannelEntity>findById(channelId))
                            .chain(channel -> change.apply(channel))))
        .onFailure(ChannelChangedConcurrently.class)
        .retry()
        .atMost(ATTEMPTS - 1)
        .onFailure(ChannelChangedConcurrently.class)
        .transform(
            concurrent ->
                ProblemException.conflict(
                    "The channel kept changing while " + what + " was being saved; try again",
                    null))
        .invoke(
            result -> {
              if (changed.test(result)) {
                changes.flush();
              }
            });
  }

  /**
   * Creates an active channel (version 1) with an empty queue distributed evenly; {@code name} null
   * means "generate one" (O1).
   */
  public Uni<ChannelEntity> create(String name) {
    return Panache.withTransaction(
            () ->
                withinLimit()
                    .chain(() -> nameOrGenerated(name))
                    .flatMap(
                        chosen -> {
                          Instant now = clock.instant();
                          ChannelEntity channel = new ChannelEntity();
                          channel.id = UUID.randomUUID();
                          channel.name = chosen;
                          channel.active = true;
                          channel.distributionMode = DistributionMode.EVENLY;
                          channel.version = 1;
                          channel.createdAt = now;
                          channel.updatedAt = now;
                          return channel.<ChannelEntity>persist();
                        })
                    .call(channel -> changes.announce(channel, ExpandedQueue.EMPTY)))
        .invoke(changes::flush);
  }

  /**
   * G2: refuses a new channel when the limit is reached (409). Creations take one advisory lock for
   * the rest of their transaction, so of two concurrent creations under the limit by one only one
   * counts the other's channel as missing.
   */
  private Uni<Void> withinLimit() {
    if (maxCount.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int limit = maxCount.get();
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from (select"
                            + " pg_advisory_xact_lock(hashtext('channel_config.channel_count')))"
                            + " as locked",
                        Long.class)
                    .getSingleResult())
        .chain(() -> ChannelEntity.count("deletedAt is null"))
        .invoke(
            count -> {
              if (count >= limit) {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("maxCount", limit);
                state.put("count", count);
                throw ProblemException.conflict(
                    "This deployment allows at most "
                        + limit
                        + " open channel(s) and "
                        + count
                        + " exist (G2, CHANNELS_MAX_COUNT): delete a channel or raise the limit"
                        + " before creating another",
                    state);
              }
            })
        .replaceWithVoid();
  }

  /**
   * O5: marks the channel deleted (a new version, announced with {@code deleted: true}) and
   * detaches every connector of it (each announced with {@code deleted: true}, so the gateway
   * answers 410 to their webhooks and the accounts may be attached elsewhere). The row stays.
   *
   * @throws ProblemException 404 when the channel is unknown or deleted already
   * @throws StaleVersionException when {@code ifMatch} names another version
   */
  public Uni<ChannelEntity> delete(UUID channelId, IfMatch ifMatch) {
    return change(
        channelId,
        "its deletion",
        channel -> {
          if (channel == null || channel.deletedAt != null) {
            throw ProblemException.notFound("Channel " + channelId);
          }
          long expected = ifMatch.require(channel.version);
          Instant now = clock.instant();
          return ChannelEntity.update(
                  "version = version + 1, updatedAt = ?1, deletedAt = ?1"
                      + " where id = ?2 and version = ?3 and deletedAt is null",
                  now,
                  channelId,
                  expected)
              .chain(
                  updated ->
                      Panache.getSession()
                          .chain(
                              session -> {
                                if (updated == 0) {
                                  return session
                                      .refresh(channel)
                                      .map(
                                          refreshed -> {
                                            if (channel.deletedAt != null) {
                                              throw ProblemException.notFound(
                                                  "Channel " + channelId);
                                            }
                                            throw ifMatch.present()
                                                ? new StaleVersionException(channel.version)
                                                : new ChannelChangedConcurrently(channelId);
                                          });
                                }
                                session.detach(channel);
                                channel.version = expected + 1;
                                channel.updatedAt = now;
                                channel.deletedAt = now;
                                return changes
                                    .announce(channel, ExpandedQueue.EMPTY)
                                    .chain(() -> connectors.detachAllOf(channelId))
                                    .replaceWith(channel);
                              }));
        },
        deleted -> true);
  }

  public Uni<Optional<ChannelEntity>> find(UUID id) {
    return Panache.withSession(() -> ChannelEntity.<ChannelEntity>findById(id))
        .map(channel -> Optional.ofNullable(channel).filter(c -> c.deletedAt == null));
  }

  /**
   * Up to {@code limit} channels after {@code after} (exclusive), in id order: a stable order for
   * cursors.
   */
  public Uni<List<ChannelEntity>> page(UUID after, int limit) {
    return Panache.withSession(
        () ->
            after == null
                ? ChannelEntity.<ChannelEntity>find("deletedAt is null order by id")
                    .range(0, limit - 1)
                    .list()
                : ChannelEntity.<ChannelEntity>find(
                        "deletedAt is null and id > ?1 order by id", after)
                    .range(0, limit - 1)
                    .list());
  }

  /**
   * Makes the next version of a channel in the caller's transaction: {@code version + 1} only if
   * the channel is still at {@code expectedVersion} (so of two concurrent writers one wins and the
   * other finds nothing to update). On success {@code channel} holds the new version; it is no
   * longer managed by the session (the row was written by the update, not by the entity), so the
   * caller only reads it, to answer and announce.
   *
   * @return false when the channel is no longer at {@code expectedVersion} (or was deleted); {@code
   *     channel} then holds what the database has now
   */
  public Uni<Boolean> bumpVersion(
      ChannelEntity channel, long expectedVersion, DistributionMode distributionMode) {
    Instant now = clock.instant();
    return ChannelEntity.update(
            "version = version + 1, updatedAt = ?1, distributionMode = ?2"
                + " where id = ?3 and version = ?4 and deletedAt is null",
            now,
            distributionMode,
            channel.id,
            expectedVersion)
        .flatMap(
            updated ->
                Panache.getSession()
                    .flatMap(
                        session -> {
                          if (updated == 0) {
                            return session.refresh(channel).replaceWith(false);
                          }
                          session.detach(channel);
                          channel.version = expectedVersion + 1;
                          channel.updatedAt = now;
                          channel.distributionMode = distributionMode;
                          return Uni.createFrom().item(true);
                        }));
  }

  private Uni<String> nameOrGenerated(String name) {
    if (name != null) {
      return Uni.createFrom().item(name);
    }
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery("select nextval('channel_number_seq')", Long.class)
                    .getSingleResult())
        .map(number -> "Open channel " + number);
  }
}
