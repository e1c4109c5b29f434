package dev.switchboard.config.channel.api;

import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.queue.api.QueueSectionView;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.events.config.settings.ChannelSections.Automation;
import dev.switchboard.events.config.settings.ChannelSections.Bots;
import dev.switchboard.events.config.settings.ChannelSections.Consent;
import dev.switchboard.events.config.settings.ChannelSections.Crm;
import dev.switchboard.events.config.settings.ChannelSections.Kpi;
import dev.switchboard.events.config.settings.ChannelSections.Other;
import dev.switchboard.events.config.settings.ChannelSections.Quality;
import dev.switchboard.events.config.settings.ChannelSections.Routing;
import dev.switchboard.events.config.settings.ChannelSections.WorkingTime;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A channel as the API shows it; {@code PUT /api/v1/channels/{id}} accepts it back. */
public record ChannelView(
    @Schema(readOnly = true) String id,
    @Schema(description = "O1: the channel's name") String name,
    @Schema(description = "O2: whether agents can answer in this channel") boolean active,
    @Schema(readOnly = true, description = "Q1-Q4: changed with PUT /api/v1/channels/{id}/queue")
        QueueSectionView queue,
    @Schema(description = "Q5-Q8") Routing routing,
    @Schema(description = "Q9-Q15") Crm crm,
    @Schema(description = "W1-W3") WorkingTime workingTime,
    @Schema(description = "C1") Consent consent,
    @Schema(description = "A1-A9") Automation automation,
    @Schema(description = "R1-R2") Quality quality,
    @Schema(description = "B1") Bots bots,
    @Schema(description = "K1-K5") Kpi kpi,
    @Schema(description = "O1 widget title, O3, O4") Other other,
    @Schema(readOnly = true, description = "Bumped by every change; also the ETag") long version,
    @Schema(readOnly = true) Instant createdAt,
    @Schema(readOnly = true) Instant updatedAt) {

  static ChannelView of(ChannelEntity channel, ExpandedQueue queue) {
    ChannelSections s = channel.sections();
    return new ChannelView(
        channel.id.toString(),
        channel.name,
        channel.active,
        QueueSectionView.of(queue),
        s.routing(),
        s.crm(),
        s.workingTime(),
        s.consent(),
        s.automation(),
        s.quality(),
        s.bots(),
        s.kpi(),
        s.other(),
        channel.version,
        channel.createdAt,
        channel.updatedAt);
  }
}
