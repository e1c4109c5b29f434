package dev.switchboard.routing.distribution.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The local copy of the configuration routing reads: channels' queues and the agent directory (from
 * the compacted {@code oc.config.*} topics).
 */
public interface RoutingConfig {

  /** The channel, including a deleted one; empty when its configuration was never seen. */
  Optional<ChannelQueue> channel(String channelId);

  /** The agent's directory entry; empty when the directory has none. */
  Optional<AgentEntry> agent(String agentId);

  /** The channels (not deleted) whose queue holds the agent. */
  List<String> channelsWithAgent(String agentId);

  /** Every channel known, deleted ones included. */
  Collection<String> channelIds();
}
