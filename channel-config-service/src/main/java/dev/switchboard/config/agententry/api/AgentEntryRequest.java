package dev.switchboard.config.agententry.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PUT /api/v1/channels/{id}/agent-entries/{agentId}}: how the agent is shown to this
 * channel's clients (Q8). What {@code GET} answers is accepted back: {@code channelId} and {@code
 * agentId} must be the path's, {@code channelVersion} the channel's current version (412 otherwise,
 * like If-Match); {@code updatedAt} is ignored.
 */
public record AgentEntryRequest(
    @Schema(readOnly = true) String channelId,
    @Schema(readOnly = true) String agentId,
    @Schema(required = true, maxLength = AgentEntryRules.DISPLAY_NAME_MAX_LENGTH)
        String displayName,
    @Schema(nullable = true, description = "An absolute http(s) URL, or null") String avatarUrl,
    @Schema(readOnly = true) Long channelVersion,
    @Schema(readOnly = true) Instant updatedAt) {}
