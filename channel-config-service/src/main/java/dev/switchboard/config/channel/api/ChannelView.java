package dev.switchboard.config.channel.api;

import dev.switchboard.config.channel.store.ChannelEntity;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A channel as the API shows it. */
public record ChannelView(
    @Schema(readOnly = true) String id,
    @Schema(description = "O1: the channel's name") String name,
    @Schema(description = "O2: whether agents can answer in this channel") boolean active,
    @Schema(readOnly = true, description = "Bumped by every change; also the ETag") long version,
    @Schema(readOnly = true) Instant createdAt,
    @Schema(readOnly = true) Instant updatedAt) {

  static ChannelView of(ChannelEntity channel) {
    return new ChannelView(
        channel.id.toString(),
        channel.name,
        channel.active,
        channel.version,
        channel.createdAt,
        channel.updatedAt);
  }
}
