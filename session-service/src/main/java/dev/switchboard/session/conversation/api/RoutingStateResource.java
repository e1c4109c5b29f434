package dev.switchboard.session.conversation.api;

import dev.switchboard.platform.runtime.api.Page;
import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.store.SessionEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What routing-service rebuilds its Redis state from when Redis comes back empty (a failover, a
 * flush): every session waiting for an agent or with one. Under {@code /internal}, which the
 * gateway does not forward, and only for a token with the role {@code routing-service}: routing's
 * own service token, checked like every other token (issuer, audience, signature).
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class RoutingStateResource {

  @GET
  @Path("routing/open-sessions")
  @RolesAllowed("routing-service")
  @Operation(
      summary =
          "For routing-service only: the sessions waiting (QUEUED) or assigned (ASSIGNED, with"
              + " agentId), in the order they were opened")
  public Uni<Page<OpenSessionView>> openSessions(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    int size = Page.limit(limit);
    long after = Cursors.after(cursor);
    return Panache.withSession(
            () ->
                SessionEntity.<SessionEntity>find(
                        "seq > ?1 and state in ?2 order by seq", after, openForRouting())
                    .range(0, size)
                    .list())
        .map(
            found -> {
              boolean more = found.size() > size;
              List<SessionEntity> shown = more ? found.subList(0, size) : found;
              return new Page<>(
                  shown.stream().map(OpenSessionView::of).toList(),
                  Cursors.next(more, shown.isEmpty() ? null : shown.get(shown.size() - 1).seq));
            });
  }

  /** QUEUED, and every state of a session an agent has (shown as ASSIGNED). */
  private static List<SessionState> openForRouting() {
    List<SessionState> states = new ArrayList<>(SessionState.withAgent());
    states.add(SessionState.QUEUED);
    return states;
  }
}
