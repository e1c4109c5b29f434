package dev.switchboard.config.channel.api;

import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.channel.store.ChannelStore;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.config.queue.store.QueueStore;
import dev.switchboard.platform.runtime.api.Page;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Open channels for administrators (G1: admin writes; admin and supervisor read). */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
public class ChannelResource {

  @Inject ChannelStore channels;
  @Inject QueueStore queues;

  @POST
  @RolesAllowed("admin")
  @Operation(summary = "Create an open channel; {} is enough, the name is then generated (O1)")
  public Uni<Response> create(CreateChannelRequest request, @Context UriInfo uri) {
    String name = ChannelRules.name(request == null ? null : request.name());
    return channels
        .create(name)
        .map(
            channel ->
                Response.created(uri.getAbsolutePathBuilder().path(channel.id.toString()).build())
                    .tag(etag(channel))
                    .entity(ChannelView.of(channel, ExpandedQueue.EMPTY))
                    .build());
  }

  @GET
  @Path("{id}")
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "One open channel")
  public Uni<Response> get(@PathParam("id") String id) {
    return channels
        .find(parseId(id))
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("Channel " + id)))
        .flatMap(
            channel ->
                queues
                    .expandedQueuesOf(List.of(channel))
                    .map(
                        expanded ->
                            Response.ok(ChannelView.of(channel, expanded.get(channel.id)))
                                .tag(etag(channel))
                                .build()));
  }

  @GET
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "Every open channel, a page at a time")
  public Uni<Page<ChannelView>> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    int size = Page.limit(limit);
    UUID after = cursor == null ? null : parseCursor(cursor);
    return channels
        .page(after, size + 1)
        .flatMap(
            found -> {
              List<ChannelEntity> page = found.stream().limit(size).toList();
              String next = found.size() > size ? page.get(page.size() - 1).id.toString() : null;
              return queues
                  .expandedQueuesOf(page)
                  .map(
                      expanded ->
                          new Page<>(
                              page.stream()
                                  .map(channel -> ChannelView.of(channel, expanded.get(channel.id)))
                                  .toList(),
                              next));
            });
  }

  private static EntityTag etag(ChannelEntity channel) {
    return new EntityTag(Long.toString(channel.version));
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("Channel " + id);
    }
  }

  private static UUID parseCursor(String cursor) {
    try {
      return UUID.fromString(cursor);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField("cursor", "is not a cursor this API gave out");
    }
  }
}
