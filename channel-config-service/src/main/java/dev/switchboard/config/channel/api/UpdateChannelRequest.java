package dev.switchboard.config.channel.api;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * {@code PUT /api/v1/channels/{id}}: what {@code GET} answers. A section (or a field of one) left
 * out takes its default; {@code name} and {@code active} left out stay as they are. The read-only
 * fields may be sent back unchanged; {@code version} that is not current is a 412, like If-Match.
 */
public record UpdateChannelRequest(
    @Schema(readOnly = true) String id,
    @Schema(description = "O1", maxLength = ChannelRules.NAME_MAX_LENGTH) String name,
    @Schema(description = "O2; deactivating with connectors attached needs ?force=true")
        Boolean active,
    @Schema(readOnly = true, description = "Changed with PUT /api/v1/channels/{id}/queue")
        JsonNode queue,
    Routing routing,
    Crm crm,
    WorkingTime workingTime,
    Consent consent,
    Automation automation,
    Quality quality,
    Bots bots,
    Kpi kpi,
    Other other,
    @Schema(readOnly = true) Long version,
    @Schema(readOnly = true) Instant createdAt,
    @Schema(readOnly = true) Instant updatedAt) {

  /** The sections as sent, defaults not filled in yet. */
  ChannelSections sections() {
    return new ChannelSections(
        routing, crm, workingTime, consent, automation, quality, bots, kpi, other);
  }
}
