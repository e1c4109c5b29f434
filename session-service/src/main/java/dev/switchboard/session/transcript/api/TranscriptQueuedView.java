package dev.switchboard.session.transcript.api;

import dev.switchboard.session.transcript.mail.TranscriptRequestEntity;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A transcript request, stored: the mail follows as soon as the mail server takes it. */
public record TranscriptQueuedView(
    String sessionId,
    String email,
    @Schema(description = "When the request was stored; the mail is sent after") Instant queuedAt) {

  static TranscriptQueuedView of(TranscriptRequestEntity request) {
    return new TranscriptQueuedView(
        request.sessionId.toString(), request.email, request.requestedAt);
  }
}
