package dev.switchboard.config.channel.store;

import dev.switchboard.config.channel.messaging.ChannelChanges;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Channels in PostgreSQL; every change is stored and announced in one transaction. */
@ApplicationScoped
public class ChannelStore {

  @Inject ChannelChanges changes;
  @Inject Clock clock;

  /** Creates an active channel (version 1); {@code name} null means "generate one" (O1). */
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
                          channel.version = 1;
                          channel.createdAt = now;
                          channel.updatedAt = now;
                          return channel.<ChannelEntity>persist();
                        })
                    .call(changes::announce))
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
