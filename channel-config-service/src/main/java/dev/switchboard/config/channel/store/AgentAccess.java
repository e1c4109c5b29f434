package dev.switchboard.config.channel.store;

import dev.switchboard.config.canned.store.CannedResponseStore;
import dev.switchboard.config.queue.store.QueueStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * G1: what an agent may read — the channels whose queue holds it (its {@code agentIds}, users and
 * departments expanded) and the canned-response lists those channels use.
 */
@ApplicationScoped
public class AgentAccess {

  @Inject QueueStore queues;
  @Inject CannedResponseStore cannedResponses;

  /** Whether the channel's queue, expanded, holds the agent. */
  public Uni<Boolean> queueHolds(ChannelEntity channel, String agentId) {
    return queues
        .expandedQueuesOf(List.of(channel))
        .map(expanded -> expanded.get(channel.id).agentIds().contains(agentId));
  }

  /** Whether a channel (not deleted) that uses the list has the agent in its queue. */
  public Uni<Boolean> mayReadList(UUID listId, String agentId) {
    return Panache.withSession(
        () ->
            cannedResponses
                .channelsUsing(listId)
                .chain(
                    channels ->
                        channels.isEmpty()
                            ? Uni.createFrom().item(false)
                            : queues
                                .expandedQueuesOf(channels)
                                .map(
                                    expanded ->
                                        expanded.values().stream()
                                            .anyMatch(q -> q.agentIds().contains(agentId)))));
  }
}
