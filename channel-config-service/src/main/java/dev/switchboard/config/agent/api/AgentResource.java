package dev.switchboard.config.agent.api;

import dev.switchboard.config.agent.store.AgentStore;
import dev.switchboard.config.agent.store.AgentStore.Agent;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.platform.runtime.api.Page;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agent directory (Q1, Q8): who the agents are, their names and photos, their departments. Its
 * changes go out on oc.config.agents.v1 and re-expand the queues that name their departments.
 */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents")
public class AgentResource {

  @Inject AgentStore agents;

  @PUT
  @Path("{agentId}")
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Create (201) or replace (200) an agent's directory entry; If-Match is honoured (412)")
  public Uni<Response> put(
      @PathParam("agentId") String agentId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      AgentRequest request,
      @Context UriInfo uri) {
    AgentStore.AgentDraft draft = AgentRules.draft(agentId, request);
    IfMatch precondition = IfMatch.parse(ifMatch);
    return agents
        .put(agentId, draft, precondition, request.version())
        .map(
            outcome ->
                (outcome.created() ? Response.created(uri.getAbsolutePath()) : Response.ok())
                    .tag(etag(outcome.agent()))
                    .entity(AgentView.of(outcome.agent()))
                    .build());
  }

  @GET
  @Path("{agentId}")
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "One agent's directory entry")
  public Uni<Response> get(@PathParam("agentId") String agentId) {
    if (!AgentRules.isAgentId(agentId)) {
      throw ProblemException.notFound("Agent " + agentId);
    }
    return agents
        .find(agentId)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("Agent " + agentId)))
        .map(agent -> Response.ok(AgentView.of(agent)).tag(etag(agent)).build());
  }

  @GET
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "The agent directory, a page at a time, in id order")
  public Uni<Page<AgentView>> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    int size = Page.limit(limit);
    String after = cursor == null ? null : parseCursor(cursor);
    return agents
        .page(after, size + 1)
        .map(
            found -> {
              List<AgentView> items = found.stream().limit(size).map(AgentView::of).toList();
              String next =
                  found.size() > size ? cursorAfter(items.get(items.size() - 1).id()) : null;
              return new Page<>(items, next);
            });
  }

  private static EntityTag etag(Agent agent) {
    return new EntityTag(Long.toString(agent.entry().version));
  }

  // Agent ids are OIDC subjects and may hold any character: the cursor hides them in base64url.
  private static String cursorAfter(String agentId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(agentId.getBytes(StandardCharsets.UTF_8));
  }

  private static String parseCursor(String cursor) {
    try {
      String agentId = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (AgentRules.isAgentId(agentId)) {
        return agentId;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw ProblemException.badField("cursor", "is not a cursor this API gave out");
  }
}
