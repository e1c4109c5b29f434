package dev.switchboard.session.rating.api;

import dev.switchboard.platform.runtime.api.Page;
import dev.switchboard.session.history.api.Period;
import dev.switchboard.session.rating.store.RatingFilter;
import dev.switchboard.session.rating.store.RatingQueries;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * R3: the clients' ratings (R1) for supervisors and administrators. A rating counts for the agent
 * who had the session and the channel it was in when it was rated.
 */
@Path("/api/v1/ratings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ratings")
public class RatingResource {

  @Inject RatingQueries ratings;

  @GET
  @RolesAllowed({"supervisor", "admin"})
  @Operation(
      summary =
          "R3: how many ratings, their average and distribution, for an agent, a channel and a"
              + " period (each optional); an unknown agent or channel has none. 400 when from is"
              + " after to or a value is not an ISO-8601 instant")
  public Uni<RatingReportView> report(
      @QueryParam("agentId") String agentId,
      @QueryParam("channelId") String channelId,
      @Parameter(description = "Rated at or after (ISO-8601)") @QueryParam("from") String from,
      @Parameter(description = "Rated before (ISO-8601)") @QueryParam("to") String to) {
    RatingFilter filter = filter(agentId, channelId, from, to);
    return ratings.report(filter).map(counts -> RatingReportView.of(filter, counts));
  }

  @GET
  @Path("by-agent")
  @RolesAllowed({"supervisor", "admin"})
  @Operation(
      summary =
          "R3: the same per agent (one row per agent rated in the channel and period), by agent"
              + " id, all in one page (nextCursor null); ratings without an agent come last, with"
              + " agentId null")
  public Uni<Page<AgentRatingView>> byAgent(
      @QueryParam("channelId") String channelId,
      @Parameter(description = "Rated at or after (ISO-8601)") @QueryParam("from") String from,
      @Parameter(description = "Rated before (ISO-8601)") @QueryParam("to") String to) {
    RatingFilter filter = filter(null, channelId, from, to);
    return ratings
        .byAgent(filter)
        .map(rows -> new Page<>(rows.stream().map(AgentRatingView::of).toList(), null));
  }

  private static RatingFilter filter(String agentId, String channelId, String from, String to) {
    Period period = Period.of(from, to);
    return new RatingFilter(
        Period.present(agentId), Period.present(channelId), period.from(), period.to());
  }
}
