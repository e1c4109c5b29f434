package dev.switchboard.config.agent.domain;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Q6: a period in which an agent is away (vacation, leave) and is not routed to.
 *
 * @param from inclusive
 * @param to exclusive, after {@code from}
 * @param reason free text, or null
 */
public record Absence(
    @Schema(required = true, description = "Inclusive, an ISO-8601 instant") Instant from,
    @Schema(required = true, description = "Exclusive, after from") Instant to,
    @Schema(nullable = true, maxLength = 200, description = "Free text, e.g. VACATION")
        String reason) {}
