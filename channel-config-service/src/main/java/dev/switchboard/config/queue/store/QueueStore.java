package dev.switchboard.config.queue.store;

import dev.switchboard.config.agent.store.DepartmentDirectory;
import dev.switchboard.config.channel.messaging.ChannelChanges;
import dev.switchboard.config.channel.store.ChannelChangedConcurrently;
import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.channel.store.ChannelStore;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.config.queue.domain.MemberType;
import dev.switchboard.config.queue.domain.Queue;
import dev.switchboard.config.queue.domain.QueueExpansion;
import dev.switchboard.config.queue.domain.QueueMember;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.config.shared.api.StaleVersionException;
import dev.switchboard.config.shared.store.QueueDirectoryLock;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Channels' queues (Q1-Q4) in PostgreSQL. A change of a queue is a new version of its channel,
 * stored and announced (with the queue expanded to agent ids) in one transaction.
 */
@ApplicationScoped
public class QueueStore {

  @Inject ChannelStore channels;
  @Inject ChannelChanges changes;
  @Inject DepartmentDirectory directory;

  /** The result of a {@link #replace}: the channel at its (new) version and its expanded queue. */
  public record QueueChange(ChannelEntity channel, ExpandedQueue queue, boolean changed) {}

  /**
   * What a client sent to replace a queue.
   *
   * @param clientVersion the {@code version} sent back, or null; like {@code If-Match}, it must be
   *     the current version
   * @param clientAgentIds the read-only {@code agentIds} sent back, or null; they must be the
   *     current expansion or the new one (a 400 otherwise)
   */
  public record QueueWrite(
      Queue queue, IfMatch ifMatch, Long clientVersion, List<String> clientAgentIds) {}

  /** The expanded queues of {@code channels}, by channel id, for showing them. */
  public Uni<Map<UUID, ExpandedQueue>> expandedQueuesOf(List<ChannelEntity> channels) {
    return Panache.withSession(() -> queuesOf(channels).flatMap(this::expand));
  }

  /**
   * Replaces a channel's queue, makes the channel's next version and announces it. A queue equal to
   * the current one changes nothing (no new version, no event).
   */
  public Uni<QueueChange> replace(UUID channelId, QueueWrite write) {
    return channels.change(
        channelId,
        "its queue",
        channel -> replace(channelId, channel, write),
        QueueChange::changed);
  }

  private Uni<QueueChange> replace(UUID channelId, ChannelEntity channel, QueueWrite write) {
    if (channel == null || channel.deletedAt != null) {
      throw ProblemException.notFound("Channel " + channelId);
    }
    long expected = write.ifMatch().require(channel.version);
    if (write.clientVersion() != null && write.clientVersion() != channel.version) {
      throw new StaleVersionException(channel.version);
    }
    return queueOf(channel)
        .chain(
            current ->
                agentIdsFor(List.of(current, write.queue()))
                    .chain(
                        agentIds -> {
                          ExpandedQueue before = new ExpandedQueue(current, agentIds.get(0));
                          ExpandedQueue after = new ExpandedQueue(write.queue(), agentIds.get(1));
                          List<String> sent = write.clientAgentIds();
                          if (sent != null
                              && !sent.equals(before.agentIds())
                              && !sent.equals(after.agentIds())) {
                            throw ProblemException.badField(
                                "agentIds",
                                "is read-only (the members expanded); send it back unchanged or"
                                    + " leave it out");
                          }
                          if (current.equals(write.queue())) {
                            return Uni.createFrom().item(new QueueChange(channel, before, false));
                          }
                          return store(channel, expected, after, write.ifMatch());
                        }));
  }

  /** The channel's next version with this queue, announced. */
  private Uni<QueueChange> store(
      ChannelEntity channel, long expected, ExpandedQueue next, IfMatch ifMatch) {
    return channels
        .bumpVersion(channel, expected, next.queue().distributionMode())
        .chain(
            bumped -> {
              if (!bumped) {
                throw ifMatch.present()
                    ? new StaleVersionException(channel.version)
                    : new ChannelChangedConcurrently(channel.id);
              }
              return replaceMembers(channel.id, next.queue().members())
                  .chain(() -> changes.announce(channel, next))
                  .replaceWith(new QueueChange(channel, next, true));
            });
  }

  /**
   * The channels whose queue names one of {@code departments}, in id order; in the caller's
   * transaction.
   */
  public Uni<List<UUID>> channelsNaming(Set<String> departments) {
    if (departments.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createSelectionQuery(
                        "select distinct m.channelId from QueueMemberEntity m"
                            + " where m.memberType = ?1 and m.memberId in ?2 order by m.channelId",
                        UUID.class)
                    .setParameter(1, MemberType.DEPARTMENT)
                    .setParameter(2, departments)
                    .getResultList());
  }

  /** The {@code agentIds} of each of these channels now; in the caller's transaction. */
  public Uni<Map<UUID, List<String>>> agentIdsOf(List<UUID> channelIds) {
    if (channelIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return ChannelEntity.<ChannelEntity>list(
            "id in ?1 and deletedAt is null order by id", channelIds)
        .flatMap(this::queuesOf)
        .flatMap(this::expand)
        .map(
            expanded -> {
              Map<UUID, List<String>> agentIds = new LinkedHashMap<>();
              expanded.forEach((id, queue) -> agentIds.put(id, queue.agentIds()));
              return agentIds;
            });
  }

  /**
   * Makes a new version of each channel and announces it with its queue expanded anew, because the
   * directory changed under it; in the caller's transaction, which holds {@link
   * QueueDirectoryLock}. One after the other, in id order, so concurrent callers lock channels in
   * the same order.
   */
  public Uni<Void> republish(List<UUID> channelIds) {
    return Multi.createFrom()
        .iterable(channelIds.stream().sorted().toList())
        .onItem()
        .transformToUniAndConcatenate(this::republish)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> republish(UUID channelId) {
    return ChannelEntity.<ChannelEntity>findById(channelId)
        .chain(
            channel -> {
              if (channel == null || channel.deletedAt != null) {
                return Uni.createFrom().voidItem();
              }
              return channels
                  .bumpVersion(channel, channel.version, channel.distributionMode)
                  .chain(
                      bumped -> {
                        if (!bumped) {
                          return Uni.createFrom()
                              .failure(new ChannelChangedConcurrently(channelId));
                        }
                        return queueOf(channel)
                            .chain(
                                queue ->
                                    agentIdsFor(List.of(queue))
                                        .chain(
                                            agentIds ->
                                                changes.announce(
                                                    channel,
                                                    new ExpandedQueue(queue, agentIds.get(0)))));
                      });
            });
  }

  private Uni<Queue> queueOf(ChannelEntity channel) {
    return queuesOf(List.of(channel)).map(queues -> queues.get(channel.id));
  }

  /** The stored queues of {@code channels}, by channel id, in the order given. */
  private Uni<Map<UUID, Queue>> queuesOf(List<ChannelEntity> channelsToRead) {
    if (channelsToRead.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<UUID> ids = channelsToRead.stream().map(channel -> channel.id).toList();
    return QueueMemberEntity.<QueueMemberEntity>list(
            "channelId in ?1 order by channelId, position", ids)
        .map(
            rows -> {
              Map<UUID, List<QueueMember>> members = new LinkedHashMap<>();
              for (QueueMemberEntity row : rows) {
                members.computeIfAbsent(row.channelId, id -> new ArrayList<>()).add(row.toMember());
              }
              Map<UUID, Queue> queues = new LinkedHashMap<>();
              for (ChannelEntity channel : channelsToRead) {
                queues.put(
                    channel.id,
                    new Queue(
                        members.getOrDefault(channel.id, List.of()), channel.distributionMode));
              }
              return queues;
            });
  }

  private Uni<Map<UUID, ExpandedQueue>> expand(Map<UUID, Queue> queues) {
    List<UUID> ids = List.copyOf(queues.keySet());
    return agentIdsFor(ids.stream().map(queues::get).toList())
        .map(
            agentIds -> {
              Map<UUID, ExpandedQueue> expanded = new LinkedHashMap<>();
              for (int i = 0; i < ids.size(); i++) {
                expanded.put(
                    ids.get(i), new ExpandedQueue(queues.get(ids.get(i)), agentIds.get(i)));
              }
              return expanded;
            });
  }

  /** The agent ids of each queue, in the order given, from one read of the directory. */
  private Uni<List<List<String>>> agentIdsFor(List<Queue> queues) {
    return directory
        .inDepartments(QueueExpansion.departmentsOf(queues))
        .map(
            agents ->
                queues.stream().map(queue -> QueueExpansion.agentIds(queue, agents)).toList());
  }

  private Uni<Void> replaceMembers(UUID channelId, List<QueueMember> members) {
    List<QueueMemberEntity> rows = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      rows.add(QueueMemberEntity.of(channelId, i, members.get(i)));
    }
    return QueueMemberEntity.delete("channelId", channelId)
        .chain(() -> rows.isEmpty() ? Uni.createFrom().voidItem() : QueueMemberEntity.persist(rows))
        .chain(() -> Panache.getSession().flatMap(session -> session.flush()));
  }
}
