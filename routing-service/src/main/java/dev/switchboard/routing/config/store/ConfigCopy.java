package dev.switchboard.routing.config.store;

import dev.switchboard.routing.distribution.domain.AgentEntry;
import dev.switchboard.routing.distribution.domain.ChannelQueue;
import dev.switchboard.routing.distribution.domain.RoutingConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of the channels' queues and the agent directory, rebuilt at every start by
 * reading the compacted {@code oc.config.*} topics from the beginning. A record is kept only when
 * its version is higher than the one held, so a repeated or late record changes nothing.
 */
public class ConfigCopy implements RoutingConfig {

  private final Map<String, ChannelQueue> channels = new ConcurrentHashMap<>();
  private final Map<String, AgentEntry> agents = new ConcurrentHashMap<>();

  /** Keeps {@code channel} if it is newer than the copy held; true when kept. */
  public boolean offer(ChannelQueue channel) {
    return keepNewer(channels, channel.channelId(), channel, channel.version());
  }

  /** Keeps {@code agent} if it is newer than the entry held; true when kept. */
  public boolean offer(AgentEntry agent) {
    return keepNewer(agents, agent.agentId(), agent, agent.version());
  }

  @Override
  public Optional<ChannelQueue> channel(String channelId) {
    return Optional.ofNullable(channels.get(channelId));
  }

  @Override
  public Optional<AgentEntry> agent(String agentId) {
    return Optional.ofNullable(agents.get(agentId));
  }

  @Override
  public List<String> channelsWithAgent(String agentId) {
    return channels.values().stream()
        .filter(channel -> channel.contains(agentId))
        .map(ChannelQueue::channelId)
        .sorted()
        .toList();
  }

  @Override
  public Collection<String> channelIds() {
    return List.copyOf(channels.keySet());
  }

  private static <T> boolean keepNewer(Map<String, T> map, String key, T value, long version) {
    boolean[] kept = {false};
    map.compute(
        key,
        (k, held) -> {
          if (held != null && versionOf(held) >= version) {
            return held;
          }
          kept[0] = true;
          return value;
        });
    return kept[0];
  }

  private static long versionOf(Object held) {
    return held instanceof ChannelQueue channel ? channel.version() : ((AgentEntry) held).version();
  }
}
