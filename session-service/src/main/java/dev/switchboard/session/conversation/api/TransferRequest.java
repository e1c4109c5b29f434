package dev.switchboard.session.conversation.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/sessions/{id}/transfer}: exactly one of the two. */
public record TransferRequest(
    @Schema(
            description =
                "To this agent (routing-service tries them first, even outside the queue)")
        String toAgentId,
    @Schema(description = "To this channel's queue; the session then belongs to that channel")
        String toChannelId) {}
