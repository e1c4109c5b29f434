package dev.switchboard.session.worktime.api;

import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * W3: the widget asks whether the channel is open. Its visitors have no token, so this path is
 * public (the only one of this service): it shows what the channel's widget shows anyway, from this
 * service's copy of the channel's settings.
 */
@Path("/api/v1/channels/{id}/working-time/now")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Working time")
public class WorkingTimeResource {

  @Inject DirectoryStore directory;
  @Inject Clock clock;

  @GET
  @PermitAll
  @Operation(
      summary =
          "W3, no token needed: whether the channel is open now (W1) and when it next opens and"
              + " closes; with workingTime.showInWidget also its weekly hours, days off and"
              + " upcoming holidays")
  @APIResponse(responseCode = "200", description = "The channel's working time now")
  @APIResponse(responseCode = "404", description = "No such channel, or it was deleted")
  public Uni<WorkingTimeNowView> now(@PathParam("id") String id) {
    return Panache.withSession(() -> directory.channel(id))
        .map(
            channel -> {
              if (channel == null || channel.deleted) {
                throw ProblemException.notFound("Channel " + id);
              }
              return WorkingTimeNowView.of(
                  channel.channelId, channel.settings().workingTime(), clock.instant());
            });
  }
}
