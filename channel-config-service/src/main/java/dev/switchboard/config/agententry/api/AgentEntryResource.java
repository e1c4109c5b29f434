package dev.switchboard.config.agententry.api;

import dev.switchboard.config.agententry.store.AgentEntryStore;
import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.channel.store.ChannelStore;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Q8: how each agent is shown to the clients of one channel when {@code routing.agentInfo} is
 * {@code CHANNEL_ENTRIES}. Entries are part of the channel: a change is a new channel version (the
 * ETag) and travels in {@code settings.agentEntries} on oc.config.channels.v1.
 */
@Path("/api/v1/channels/{id}/agent-entries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channel agent entries")
public class AgentEntryResource {

  @Inject AgentEntryStore entries;
  @Inject ChannelStore channels;

  @PUT
  @Path("{agentId}")
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Create (201) or replace (200) an agent's entry in the channel: a new channel version;"
              + " If-Match (the channel's ETag) is honoured (412)")
  public Uni<Response> put(
      @PathParam("id") String id,
      @PathParam("agentId") String agentId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      AgentEntryRequest request,
      @Context UriInfo uri) {
    UUID channelId = parseChannelId(id);
    AgentEntryStore.EntryDraft draft = AgentEntryRules.draft(channelId, agentId, request);
    IfMatch precondition = IfMatch.parse(ifMatch);
    return entries
        .put(channelId, agentId, draft, precondition, request.channelVersion())
        .map(
            change ->
                (change.created() ? Response.created(uri.getAbsolutePath()) : Response.ok())
                    .tag(etag(change.channel()))
                    .entity(AgentEntryView.of(change.entry(), change.channel().version))
                    .build());
  }

  @GET
  @Path("{agentId}")
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "One agent's entry in the channel")
  public Uni<Response> get(@PathParam("id") String id, @PathParam("agentId") String agentId) {
    UUID channelId = parseChannelId(id);
    return existingChannel(channelId, id)
        .flatMap(
            channel ->
                entries
                    .find(channelId, agentId)
                    .map(
                        found ->
                            found.orElseThrow(
                                () ->
                                    ProblemException.notFound(
                                        "Agent entry " + agentId + " of channel " + id)))
                    .map(
                        entry ->
                            Response.ok(AgentEntryView.of(entry, channel.version))
                                .tag(etag(channel))
                                .build()));
  }

  @GET
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "Every agent entry of the channel, in agent id order")
  public Uni<Map<String, List<AgentEntryView>>> list(@PathParam("id") String id) {
    UUID channelId = parseChannelId(id);
    return existingChannel(channelId, id)
        .flatMap(
            channel ->
                Panache.withSession(() -> AgentEntryStore.entriesOf(channelId))
                    .map(
                        found ->
                            Map.of(
                                "items",
                                found.stream()
                                    .map(entry -> AgentEntryView.of(entry, channel.version))
                                    .toList())));
  }

  @DELETE
  @Path("{agentId}")
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Remove an agent's entry from the channel: a new channel version; If-Match is"
              + " honoured (412)")
  public Uni<Response> delete(
      @PathParam("id") String id,
      @PathParam("agentId") String agentId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    IfMatch precondition = IfMatch.parse(ifMatch);
    return entries
        .remove(parseChannelId(id), agentId, precondition)
        .map(change -> Response.noContent().tag(etag(change.channel())).build());
  }

  private Uni<ChannelEntity> existingChannel(UUID channelId, String id) {
    return channels
        .find(channelId)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("Channel " + id)));
  }

  private static EntityTag etag(ChannelEntity channel) {
    return new EntityTag(Long.toString(channel.version));
  }

  private static UUID parseChannelId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("Channel " + id);
    }
  }
}
