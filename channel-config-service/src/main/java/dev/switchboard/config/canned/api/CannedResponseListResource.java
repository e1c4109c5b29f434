package dev.switchboard.config.canned.api;

import dev.switchboard.config.canned.domain.CannedResponse;
import dev.switchboard.config.canned.store.CannedResponseListEntity;
import dev.switchboard.config.canned.store.CannedResponseStore;
import dev.switchboard.config.channel.store.AgentAccess;
import dev.switchboard.config.shared.api.Caller;
import dev.switchboard.config.shared.api.IfMatch;
import dev.switchboard.platform.runtime.api.Page;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
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

/**
 * A8: canned-response lists. Administrators write them; a channel uses them through {@code
 * automation.cannedResponseListIds}; agents read and search the lists of the channels whose queue
 * holds them (G1).
 */
@Path("/api/v1/canned-response-lists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Canned responses")
public class CannedResponseListResource {

  @Inject CannedResponseStore lists;
  @Inject AgentAccess access;
  @Inject SecurityIdentity identity;

  /** The answer of a search: the matching responses in the list's order. */
  public record SearchResult(String listId, String q, List<CannedResponse> items) {}

  @POST
  @RolesAllowed("admin")
  @Operation(summary = "Create a canned-response list: 201, Location, ETag")
  public Uni<Response> create(CannedResponseListRequest request, @Context UriInfo uri) {
    CannedResponseStore.ListDraft draft = CannedResponseRules.draft(null, request);
    return lists
        .create(draft)
        .map(
            list ->
                Response.created(uri.getAbsolutePathBuilder().path(list.id.toString()).build())
                    .tag(etag(list))
                    .entity(CannedResponseListView.of(list))
                    .build());
  }

  @GET
  @RolesAllowed({"admin", "supervisor"})
  @Operation(summary = "Every canned-response list, a page at a time, in id order")
  public Uni<Page<CannedResponseListView>> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    int size = Page.limit(limit);
    UUID after = cursor == null ? null : parseCursor(cursor);
    return lists
        .page(after, size + 1)
        .map(
            found -> {
              List<CannedResponseListView> items =
                  found.stream().limit(size).map(CannedResponseListView::of).toList();
              String next = found.size() > size ? items.get(items.size() - 1).id() : null;
              return new Page<>(items, next);
            });
  }

  @GET
  @Path("{id}")
  @RolesAllowed({"admin", "supervisor", "agent"})
  @Operation(
      summary =
          "One canned-response list; an agent only one used by a channel whose queue holds it")
  public Uni<Response> get(@PathParam("id") String id) {
    return readable(id)
        .map(list -> Response.ok(CannedResponseListView.of(list)).tag(etag(list)).build());
  }

  @GET
  @Path("{id}/responses")
  @RolesAllowed({"admin", "supervisor", "agent"})
  @Operation(
      summary =
          "Search a list: the responses whose shortcut or text contains q, ignoring case (all"
              + " when q is absent)")
  public Uni<SearchResult> search(@PathParam("id") String id, @QueryParam("q") String q) {
    String query = CannedResponseRules.query(q);
    return readable(id)
        .map(
            list ->
                new SearchResult(
                    list.id.toString(),
                    q,
                    list.itemList().stream().filter(item -> item.matches(query)).toList()));
  }

  @PUT
  @Path("{id}")
  @RolesAllowed("admin")
  @Operation(summary = "Replace a canned-response list; If-Match is honoured (412)")
  public Uni<Response> put(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      CannedResponseListRequest request) {
    UUID listId = parseId(id);
    CannedResponseStore.ListDraft draft = CannedResponseRules.draft(listId.toString(), request);
    IfMatch precondition = IfMatch.parse(ifMatch);
    return lists
        .replace(listId, draft, precondition, request.version())
        .map(
            outcome ->
                Response.ok(CannedResponseListView.of(outcome.list()))
                    .tag(etag(outcome.list()))
                    .build());
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Delete a canned-response list no channel uses (409 naming the channels otherwise);"
              + " If-Match is honoured (412)")
  public Uni<Response> delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    IfMatch precondition = IfMatch.parse(ifMatch);
    return lists.delete(parseId(id), precondition).replaceWith(() -> Response.noContent().build());
  }

  /** The list, if it exists and the caller may read it (404, 403). */
  private Uni<CannedResponseListEntity> readable(String id) {
    UUID listId = parseId(id);
    return lists
        .find(listId)
        .map(found -> found.orElseThrow(() -> notFound(id)))
        .call(
            list ->
                Caller.readsEverything(identity)
                    ? Uni.createFrom().voidItem()
                    : access
                        .mayReadList(listId, Caller.agentId(identity))
                        .invoke(
                            allowed -> {
                              if (!allowed) {
                                throw Caller.forbidden(
                                    "No channel whose queue holds you uses this list");
                              }
                            }));
  }

  private static EntityTag etag(CannedResponseListEntity list) {
    return new EntityTag(Long.toString(list.version));
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("Canned-response list " + id);
  }

  private static UUID parseId(String id) {
    UUID parsed = CannedResponseStore.parseId(id);
    if (parsed == null) {
      throw notFound(id);
    }
    return parsed;
  }

  private static UUID parseCursor(String cursor) {
    try {
      return UUID.fromString(cursor);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField("cursor", "is not a cursor this API gave out");
    }
  }
}
