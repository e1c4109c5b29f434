package dev.switchboard.config.queue.api;

import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.channel.store.ChannelStore;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.config.queue.domain.Queue;
import dev.switchboard.config.queue.store.QueueStore;
import dev.switchboard.config.queue.store.QueueStore.QueueWrite;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A channel's queue (Q1-Q4): who works its sessions and how they are distributed. */
@Path("/api/v1/channels/{id}/queue")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
public class QueueResource {

  @Inject ChannelStore channels;
  @Inject QueueStore queues;

  @GET
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "A channel's queue, its members expanded to agent ids")
  public Uni<Response> get(@PathParam("id") String id) {
    UUID channelId = parseId(id);
    return channels
        .find(channelId)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("Channel " + id)))
        .flatMap(
            channel ->
                queues
                    .expandedQueuesOf(List.of(channel))
                    .map(expanded -> answer(channel, expanded.get(channel.id))));
  }

  @PUT
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Replace a channel's queue: a new version of the channel, announced on"
              + " oc.config.channels.v1; If-Match is honoured (412)")
  public Uni<Response> put(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      QueueRequest request) {
    UUID channelId = parseId(id);
    Queue queue = QueueRules.queue(request);
    QueueWrite write =
        new QueueWrite(queue, IfMatch.parse(ifMatch), request.version(), request.agentIds());
    return queues.replace(channelId, write).map(change -> answer(change.channel(), change.queue()));
  }

  private static Response answer(ChannelEntity channel, ExpandedQueue queue) {
    return Response.ok(QueueView.of(queue, channel.version))
        .tag(new EntityTag(Long.toString(channel.version)))
        .build();
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("Channel " + id);
    }
  }
}
