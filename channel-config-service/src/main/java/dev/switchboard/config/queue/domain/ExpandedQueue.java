package dev.switchboard.config.queue.domain;

import java.util.List;

/**
 * A queue with the agents it stands for: what the REST API shows and {@code settings.queue} on
 * {@code oc.config.channels.v1} carries (routing and the access checks use {@code agentIds}).
 */
public record ExpandedQueue(Queue queue, List<String> agentIds) {

  public static final ExpandedQueue EMPTY = new ExpandedQueue(Queue.EMPTY, List.of());

  public ExpandedQueue {
    agentIds = List.copyOf(agentIds);
  }
}
