package dev.switchboard.session.history.api;

import dev.switchboard.platform.runtime.api.Page;
import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.session.conversation.api.Cursors;
import dev.switchboard.session.conversation.domain.SessionIds;
import dev.switchboard.session.history.store.ConversationQueries;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** O3: the full log of one client across sessions and channels. */
@Path("/api/v1/clients/{clientId}/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History")
public class ClientConversationsResource {

  @Inject ConversationQueries conversations;

  @GET
  @RolesAllowed({"supervisor", "admin"})
  @Operation(
      summary =
          "O3: every session of the client (the sessions' client.id), across channels, oldest"
              + " first, with its message count; each session's messages are read with GET"
              + " /api/v1/sessions/{id}/messages. 404 for an unknown client")
  public Uni<Page<ConversationView>> ofClient(
      @PathParam("clientId") String clientId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int size = Page.limit(limit);
    long after = Cursors.after(cursor);
    UUID id = SessionIds.parse(clientId);
    if (id == null) {
      return Uni.createFrom().failure(ProblemException.notFound("Client " + clientId));
    }
    return conversations
        .clientExists(id)
        .flatMap(
            exists -> {
              if (!exists) {
                throw ProblemException.notFound("Client " + clientId);
              }
              return conversations.ofClient(id, after, size + 1);
            })
        .map(found -> ConversationResource.page(found, size));
  }
}
