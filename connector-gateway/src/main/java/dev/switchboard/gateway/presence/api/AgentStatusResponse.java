package dev.switchboard.gateway.presence.api;

import dev.switchboard.events.presence.PresenceStatus;
import java.time.Instant;

/** {@code {"agentId", "status", "at"}}: the presence as published. */
public record AgentStatusResponse(
    String agentId, PresenceStatus status, boolean clockedIn, Instant at) {}
