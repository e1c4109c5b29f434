package dev.switchboard.session.transcript.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/sessions/{id}/transcript}: where the transcript goes. */
public record TranscriptRequestBody(
    @Schema(description = "One mailbox, local@domain, at most 254 characters", required = true)
        String email) {}
