package dev.switchboard.config.agent.api;

import dev.switchboard.config.agent.domain.Absence;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PUT /api/v1/agents/{agentId}}: the whole entry. What {@code GET} answers is accepted back:
 * {@code id} must then be the path's, {@code version} the current one (else 412, like {@code
 * If-Match}), and the timestamps are ignored.
 */
public record AgentRequest(
    @Schema(readOnly = true, description = "The agent id (OIDC subject); the path's") String id,
    @Schema(
            required = true,
            maxLength = AgentRules.NAME_MAX_LENGTH,
            description = "Q8: the name shown to clients")
        String name,
    @Schema(
            nullable = true,
            description = "Q8: the photo shown to clients, an absolute http(s) URL, or null")
        String avatarUrl,
    @Schema(
            description =
                "Q1: ids of the departments the agent belongs to, in order; a queue naming one of"
                    + " them includes the agent. Absent means none.")
        List<String> departments,
    @Schema(description = "Q6: no longer works here and is never routed to; absent means false")
        Boolean dismissed,
    @Schema(
            description =
                "Q6: periods away (from inclusive, to exclusive, to after from), at most "
                    + AgentRules.ABSENCES_MAX
                    + "; absent means none")
        List<Absence> absences,
    @Schema(readOnly = true) Long version,
    @Schema(readOnly = true) Instant createdAt,
    @Schema(readOnly = true) Instant updatedAt) {}
