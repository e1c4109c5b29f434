package dev.switchboard.config.channel.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.channel.store.ChannelSettingsStore;
import dev.switchboard.config.channel.store.ChannelSettingsStore.SettingsWrite;
import dev.switchboard.config.channel.store.ChannelStore;
import dev.switchboard.config.queue.api.QueueSectionView;
import dev.switchboard.config.queue.domain.ExpandedQueue;
import dev.switchboard.config.queue.store.QueueStore;
import dev.switchboard.config.shared.api.FieldErrors;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.platform.runtime.api.Page;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
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
  @Inject ChannelSettingsStore settings;
  @Inject ObjectMapper json;

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

  @PUT
  @Path("{id}")
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Replace a channel's name, state and settings sections (what GET answers is accepted"
              + " back): a new version announced on oc.config.channels.v1; If-Match is honoured"
              + " (412); deactivating with connectors attached needs force=true (O2)")
  public Uni<Response> put(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @QueryParam("force") boolean force,
      UpdateChannelRequest request) {
    UUID channelId = parseId(id);
    if (request == null) {
      throw ProblemException.badField("(body)", "is required: the channel as GET answers it");
    }
    FieldErrors errors = new FieldErrors();
    String name = null;
    try {
      name = ChannelRules.name(request.name());
    } catch (ProblemException e) {
      e.problem().errors().forEach(error -> errors.add(error.field(), error.message()));
    }
    ChannelSections sent = request.sections();
    SettingsRules.checkNoNullElements(sent, errors);
    errors.throwIfAny();
    ChannelSections sections = sent.withDefaults();
    SettingsRules.check(sections, errors);
    if (request.id() != null && !request.id().equals(channelId.toString())) {
      errors.add("id", "is read-only: the channel's id is the one in the path");
    }
    errors.throwIfAny();
    SettingsWrite write =
        new SettingsWrite(
            name,
            request.active(),
            sections,
            IfMatch.parse(ifMatch),
            request.version(),
            force,
            (current, queue) -> checkReadOnly(request, current, queue));
    return settings
        .replace(channelId, write)
        .map(
            change ->
                Response.ok(ChannelView.of(change.channel(), change.queue()))
                    .tag(etag(change.channel()))
                    .build());
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Delete a channel (O5): 204; it is announced with deleted: true and so is every connector"
              + " of it (their webhooks then answer 410); GET answers 404 afterwards; If-Match is"
              + " honoured (412)")
  public Uni<Response> delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    IfMatch precondition = IfMatch.parse(ifMatch);
    return channels.delete(parseId(id), precondition).map(deleted -> Response.noContent().build());
  }

  /** The read-only fields sent back must be what GET answers now. */
  private void checkReadOnly(
      UpdateChannelRequest request, ChannelEntity current, ExpandedQueue queue) {
    FieldErrors errors = new FieldErrors();
    if (request.createdAt() != null && !request.createdAt().equals(current.createdAt)) {
      errors.add("createdAt", "is read-only; send it back unchanged or leave it out");
    }
    if (request.updatedAt() != null && !request.updatedAt().equals(current.updatedAt)) {
      errors.add("updatedAt", "is read-only; send it back unchanged or leave it out");
    }
    if (request.queue() != null
        && !request.queue().equals(json.valueToTree(QueueSectionView.of(queue)))) {
      errors.add("queue", "is read-only here; change it with PUT /api/v1/channels/{id}/queue");
    }
    errors.throwIfAny();
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
