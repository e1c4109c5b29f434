package dev.switchboard.config.channel.api;

import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.queue.api.QueueSectionView;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A channel as the API shows it. */
public record ChannelView(
    @Schema(readOnly = true) String id,
    @Schema(description = "O1: the channel's name") String name,
    @Schema(description = "O2: whether agents can answer in this channel") boolean active,
    @Schema(readOnly = true, description = "Q1-Q4: changed with PUT /api/v1/channels/{id}/queue")
        QueueSectionView queue,
    @Schema(readOnly = true, description = "Bumped by every change; also the ETag") long version,
    @Schema(readOnly = true) Instant createdAt,
    @Schema(readOnly = true) Instant updatedAt) {

  static ChannelView of(ChannelEntity channel, ExpandedQueue queue) {
    return new ChannelView(
        channel.id.toString(),
        channel.name,
        channel.active,
        QueueSectionView.of(queue),
        channel.version,
        channel.createdAt,
        channel.updatedAt);
  }
}
