package dev.switchboard.config.agententry.api;

import dev.switchboard.config.agententry.store.ChannelAgentEntryEntity;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Q8: one agent's entry in one channel. */
public record AgentEntryView(
    @Schema(readOnly = true) String channelId,
    @Schema(readOnly = true) String agentId,
    String displayName,
    @Schema(nullable = true) String avatarUrl,
    @Schema(
            readOnly = true,
            description = "The channel's version (the ETag): entries are part of the channel")
        long channelVersion,
    @Schema(readOnly = true) Instant updatedAt) {

  static AgentEntryView of(ChannelAgentEntryEntity entry, long channelVersion) {
    return new AgentEntryView(
        entry.channelId.toString(),
        entry.agentId,
        entry.displayName,
        entry.avatarUrl,
        channelVersion,
        entry.updatedAt);
  }
}
