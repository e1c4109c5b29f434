package dev.switchboard.config.channel.api;

import dev.switchboard.config.canned.api.CannedResponseListView;
import dev.switchboard.config.canned.store.CannedResponseListEntity;
import dev.switchboard.config.canned.store.CannedResponseStore;
import dev.switchboard.config.channel.store.AgentAccess;
import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.config.channel.store.ChannelStore;
import dev.switchboard.config.shared.api.Caller;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * G1: what an agent needs of a channel whose queue holds it — its name, whether it is active, and
 * its canned responses (A8) — and nothing else of its configuration.
 */
@Path("/api/v1/channels/{id}/agent-view")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
public class AgentChannelResource {

  @Inject ChannelStore channels;
  @Inject CannedResponseStore cannedResponses;
  @Inject AgentAccess access;
  @Inject SecurityIdentity identity;

  /** The channel as an agent sees it. */
  public record AgentChannelView(
      String id, String name, boolean active, List<CannedResponseListView> cannedResponseLists) {}

  @GET
  @RolesAllowed({"agent", "supervisor", "admin"})
  @Operation(
      summary =
          "A channel as an agent needs it (name, active, canned responses); an agent only for a"
              + " channel whose queue holds it (403 otherwise)")
  public Uni<Response> get(@PathParam("id") String id) {
    UUID channelId;
    try {
      channelId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("Channel " + id);
    }
    return channels
        .find(channelId)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("Channel " + id)))
        .call(this::mayRead)
        .flatMap(
            channel ->
                lists(channel)
                    .map(
                        found ->
                            Response.ok(
                                    new AgentChannelView(
                                        channel.id.toString(), channel.name, channel.active, found))
                                .tag(new EntityTag(Long.toString(channel.version)))
                                .build()));
  }

  private Uni<Void> mayRead(ChannelEntity channel) {
    if (Caller.readsEverything(identity)) {
      return Uni.createFrom().voidItem();
    }
    return access
        .queueHolds(channel, Caller.agentId(identity))
        .invoke(
            holds -> {
              if (!holds) {
                throw Caller.forbidden("The channel's queue does not hold you");
              }
            })
        .replaceWithVoid();
  }

  /** The channel's lists in the order it names them. */
  private Uni<List<CannedResponseListView>> lists(ChannelEntity channel) {
    List<UUID> ids =
        channel.sections().automation().cannedResponseListIds().stream()
            .map(CannedResponseStore::parseId)
            .filter(Objects::nonNull)
            .toList();
    return Panache.withSession(() -> cannedResponses.existing(ids))
        .map(
            found ->
                ids.stream()
                    .map(found::get)
                    .filter(Objects::nonNull)
                    .map((CannedResponseListEntity list) -> CannedResponseListView.of(list))
                    .toList());
  }
}
