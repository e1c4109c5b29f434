package dev.switchboard.config.channel.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.agententry.store.AgentEntryStore;
import dev.switchboard.config.agententry.store.ChannelAgentEntryEntity;
import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.channel.store.SettingsJson;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.config.queue.domain.QueueMember;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.platform.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Announces a channel's new state on the compacted {@value Topics#CONFIG_CHANNELS}, once per
 * version, through the outbox of the transaction that made the change.
 */
@ApplicationScoped
public class ChannelChanges {

  static final String SOURCE = CloudEventHeaders.source("channel-config-service");

  @Inject Outbox outbox;

  /** Call inside the transaction that stored {@code channel} and its queue. */
  public Uni<Void> announce(ChannelEntity channel, ExpandedQueue queue) {
    boolean deleted = channel.deletedAt != null;
    Uni<List<ChannelAgentEntryEntity>> entries =
        deleted ? Uni.createFrom().item(List.of()) : AgentEntryStore.entriesOf(channel.id);
    return entries.chain(
        agentEntries -> {
          ChannelConfigChanged event =
              new ChannelConfigChanged(
                  PlatformEvent.newId(),
                  channel.id.toString(),
                  channel.version,
                  deleted,
                  deleted ? null : settings(channel, queue, agentEntries),
                  channel.updatedAt);
          return outbox.add(
              Topics.CONFIG_CHANNELS,
              event.partitionKey(),
              CloudEventHeaders.of(event, SOURCE),
              EventJson.write(event));
        });
  }

  /**
   * Publishes what the committed transactions left in the outbox without waiting for the next poll.
   */
  public void flush() {
    outbox.flushSoon();
  }

  private static ChannelSettings settings(
      ChannelEntity channel, ExpandedQueue queue, List<ChannelAgentEntryEntity> agentEntries) {
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    sections.put("queue", queueSection(queue));
    SettingsJson.tree(channel.sections())
        .fields()
        .forEachRemaining(section -> sections.put(section.getKey(), section.getValue()));
    sections.put("agentEntries", agentEntriesSection(agentEntries));
    return new ChannelSettings(channel.name, channel.active, sections);
  }

  /**
   * Q8 "the channel's entries": {@code {"<agentId>": {"displayName", "avatarUrl"}}}, in agent id
   * order; what session-service shows when {@code routing.agentInfo} is {@code CHANNEL_ENTRIES}.
   */
  static ObjectNode agentEntriesSection(List<ChannelAgentEntryEntity> agentEntries) {
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    for (ChannelAgentEntryEntity entry : agentEntries) {
      section
          .putObject(entry.agentId)
          .put("displayName", entry.displayName)
          .put("avatarUrl", entry.avatarUrl);
    }
    return section;
  }

  /**
   * {@code {"members": [{"type", "id"}...], "distributionMode", "agentIds": [...]}}, as
   * docs/flows/first-conversation.md fixes it.
   */
  static ObjectNode queueSection(ExpandedQueue expanded) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode section = json.objectNode();
    ArrayNode members = section.putArray("members");
    for (QueueMember member : expanded.queue().members()) {
      members.addObject().put("type", member.type().name()).put("id", member.id());
    }
    section.put("distributionMode", expanded.queue().distributionMode().name());
    ArrayNode agentIds = section.putArray("agentIds");
    expanded.agentIds().forEach(agentIds::add);
    return section;
  }
}
