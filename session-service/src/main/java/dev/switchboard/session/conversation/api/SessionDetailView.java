package dev.switchboard.session.conversation.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.switchboard.session.history.usecase.SessionOverview;
import dev.switchboard.session.rating.store.SessionRating;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One session ({@code GET /api/v1/sessions/{id}}): its {@link SessionSummary} fields, plus its
 * rating and lifecycle marks.
 */
public record SessionDetailView(
    @JsonUnwrapped SessionSummary summary,
    @Schema(description = "R1: the client's rating; null when not rated (yet)") Rating rating,
    @Schema(description = "A6: until when the client's rating is awaited; else null")
        Instant awaitingRatingUntil,
    @Schema(description = "A3: since when the client waits for an answer, once marked; else null")
        Instant unansweredSince) {

  public record Rating(
      @Schema(description = "1 to 5") int score,
      @Schema(description = "The client's words with the rating; null for none") String comment,
      Instant ratedAt) {}

  static SessionDetailView of(SessionOverview overview) {
    SessionRating rating = overview.rating();
    return new SessionDetailView(
        SessionSummary.of(overview.details()),
        rating == null ? null : new Rating(rating.score(), rating.comment(), rating.ratedAt()),
        overview.details().session().awaitingRatingUntil,
        overview.details().session().unansweredSince);
  }
}
