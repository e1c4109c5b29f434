package dev.switchboard.config.agententry.store;

import dev.switchboard.config.channel.messaging.ChannelChanges;
import dev.switchboard.config.channel.store.ChannelChangedConcurrently;
import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.channel.store.ChannelStore;
import dev.switchboard.config.queue.store.QueueStore;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.config.shared.api.StaleVersionException;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Q8: the per-channel agent entries. They travel in the channel's settings ({@code agentEntries}),
 * so a change of one is a new version of the channel, announced like any other.
 */
@ApplicationScoped
public class AgentEntryStore {

  @Inject ChannelStore channels;
  @Inject QueueStore queues;
  @Inject ChannelChanges changes;
  @Inject Clock clock;

  /** What an administrator sets. */
  public record EntryDraft(String displayName, String avatarUrl) {}

  /**
   * @param entry the entry now, null after a removal
   * @param channel the channel at its (possibly new) version
   */
  public record EntryChange(
      ChannelAgentEntryEntity entry, ChannelEntity channel, boolean created, boolean changed) {}

  /** Creates or replaces the entry; the same entry again makes no new version. */
  public Uni<EntryChange> put(
      UUID channelId, String agentId, EntryDraft draft, IfMatch ifMatch, Long clientVersion) {
    return channels.change(
        channelId,
        "its agent entries",
        channel -> write(channelId, channel, agentId, draft, ifMatch, clientVersion),
        EntryChange::changed);
  }

  /** Removes the entry (404 when there is none): a new version of the channel. */
  public Uni<EntryChange> remove(UUID channelId, String agentId, IfMatch ifMatch) {
    return channels.change(
        channelId,
        "its agent entries",
        channel -> write(channelId, channel, agentId, null, ifMatch, null),
        EntryChange::changed);
  }

  public Uni<Optional<ChannelAgentEntryEntity>> find(UUID channelId, String agentId) {
    return Panache.withSession(
            () ->
                ChannelAgentEntryEntity.<ChannelAgentEntryEntity>findById(
                    new ChannelAgentEntryEntity.Key(channelId, agentId)))
        .map(Optional::ofNullable);
  }

  /** Every entry of a channel, in agent id order; in the caller's session or a new one. */
  public static Uni<List<ChannelAgentEntryEntity>> entriesOf(UUID channelId) {
    return ChannelAgentEntryEntity.list("channelId = ?1 order by agentId", channelId);
  }

  private Uni<EntryChange> write(
      UUID channelId,
      ChannelEntity channel,
      String agentId,
      EntryDraft draft,
      IfMatch ifMatch,
      Long clientVersion) {
    if (channel == null || channel.deletedAt != null) {
      throw ProblemException.notFound("Channel " + channelId);
    }
    long expected = ifMatch.require(channel.version);
    if (clientVersion != null && clientVersion != channel.version) {
      throw new StaleVersionException(channel.version);
    }
    return ChannelAgentEntryEntity.<ChannelAgentEntryEntity>findById(
            new ChannelAgentEntryEntity.Key(channelId, agentId))
        .chain(
            existing -> {
              if (draft == null && existing == null) {
                throw ProblemException.notFound(
                    "Agent entry " + agentId + " of channel " + channelId);
              }
              if (draft != null
                  && existing != null
                  && existing.displayName.equals(draft.displayName())
                  && Objects.equals(existing.avatarUrl, draft.avatarUrl())) {
                return Uni.createFrom().item(new EntryChange(existing, channel, false, false));
              }
              return queues
                  .expandedQueuesOf(List.of(channel))
                  .map(expanded -> expanded.get(channel.id))
                  .chain(
                      queue ->
                          channels
                              .bumpVersion(channel, expected, channel.distributionMode)
                              .chain(
                                  bumped -> {
                                    if (!bumped) {
                                      throw ifMatch.present() || clientVersion != null
                                          ? new StaleVersionException(channel.version)
                                          : new ChannelChangedConcurrently(channelId);
                                    }
                                    return store(channelId, agentId, draft, existing);
                                  })
                              .chain(
                                  entry ->
                                      changes
                                          .announce(channel, queue)
                                          .replaceWith(
                                              new EntryChange(
                                                  entry, channel, existing == null, true))));
            });
  }

  private Uni<ChannelAgentEntryEntity> store(
      UUID channelId, String agentId, EntryDraft draft, ChannelAgentEntryEntity existing) {
    Uni<ChannelAgentEntryEntity> written;
    if (draft == null) {
      written = existing.delete().replaceWith((ChannelAgentEntryEntity) null);
    } else {
      ChannelAgentEntryEntity entry = existing == null ? new ChannelAgentEntryEntity() : existing;
      entry.channelId = channelId;
      entry.agentId = agentId;
      entry.displayName = draft.displayName();
      entry.avatarUrl = draft.avatarUrl();
      entry.updatedAt = clock.instant();
      written = existing == null ? entry.persist() : Uni.createFrom().item(entry);
    }
    // The announcement reads the channel's entries from the database: it must hold this one.
    return written.call(() -> Panache.getSession().flatMap(session -> session.flush()));
  }
}
