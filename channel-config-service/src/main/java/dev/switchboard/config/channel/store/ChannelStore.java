package dev.switchboard.config.channel.store;

import dev.switchboard.config.channel.messaging.ChannelChanges;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.config.shared.store.QueueDirectoryLock;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/** Channels in PostgreSQL; every change is stored and announced in one transaction. */
@ApplicationScoped
public class ChannelStore {

  /** How many times a change runs when another change of the same channel commits first. */
  private static final int ATTEMPTS = 3;

  @Inject ChannelChanges changes;
  @Inject Clock clock;

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
                nameOrGenerated(name)
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
