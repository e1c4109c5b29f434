package dev.switchboard.config.queue.domain;

import dev.switchboard.events.routing.DistributionMode;
import java.util.List;
import java.util.Objects;

/**
 * A channel's queue as the administrator set it: members in order (Q1) and the distribution mode
 * (Q2-Q4).
 */
public record Queue(List<QueueMember> members, DistributionMode distributionMode) {

  /** What a new channel starts with: nobody, evenly. */
  public static final Queue EMPTY = new Queue(List.of(), DistributionMode.EVENLY);

  public Queue {
    members = List.copyOf(members);
    Objects.requireNonNull(distributionMode, "distributionMode");
  }
}
