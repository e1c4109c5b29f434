package dev.switchboard.gateway.presence.api;

import dev.switchboard.events.presence.PresenceStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code {"status": "ONLINE"}}.
 *
 * @param clockedIn whether the agent is clocked in to the working day; when absent, an agent who is
 *     not OFFLINE is
 */
public record AgentStatusRequest(
    @Schema(required = true, description = "Q6: ONLINE, AWAY or OFFLINE") PresenceStatus status,
    @Schema(description = "Q6: clocked in to the working day; default: status is not OFFLINE")
        Boolean clockedIn) {}
