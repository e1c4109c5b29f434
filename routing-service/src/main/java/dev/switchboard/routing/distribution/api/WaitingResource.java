package dev.switchboard.routing.distribution.api;

import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.store.RedisLiveAgentState;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What operators may ask routing: which sessions of a channel wait for an agent. */
@Path("/api/v1/channels/{channelId}/waiting")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Waiting sessions")
public class WaitingResource {

  @Inject RedisLiveAgentState state;
  @Inject ConfigCopy config;

  @GET
  @RolesAllowed({"supervisor", "admin"})
  @Operation(
      summary = "The channel's sessions waiting for an agent, oldest first",
      description =
          "Sessions nobody could take yet (no agent available, Q6); they are given out in this"
              + " order as soon as an agent of the queue comes online or frees up. 404 for a"
              + " channel routing has never heard of.")
  public WaitingSessionsView waiting(@PathParam("channelId") String channelId) {
    List<String> sessionIds = state.allWaiting(channelId);
    if (sessionIds.isEmpty() && config.channel(channelId).isEmpty()) {
      throw ProblemException.notFound("Channel " + channelId);
    }
    return new WaitingSessionsView(channelId, sessionIds.size(), sessionIds);
  }
}
