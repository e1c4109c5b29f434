package dev.switchboard.session.erasure.api;

import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.session.erasure.domain.ClientHasOpenSessions;
import dev.switchboard.session.erasure.domain.ClientNotFound;
import dev.switchboard.session.erasure.store.ClientEraser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Clients as data subjects (GDPR Art. 17). Erasure is an administrator's decision (the controller
 * answers a data subject's request), not a supervisor's, who only reads.
 */
@Path("/api/v1/clients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clients")
public class ClientResource {

  @Inject ClientEraser eraser;

  @DELETE
  @Path("{id}")
  @RolesAllowed("admin")
  @Operation(
      summary =
          "Erases a client's personal data (GDPR Art. 17): texts, attachments, names, usernames,"
              + " phones and chat ids; the sessions stay, anonymised, for the statistics. The id is"
              + " the sessions' client.id. A new message from the same person opens a new client."
              + " Idempotent: a repeat answers the same")
  @APIResponse(
      responseCode = "202",
      description =
          "Erased in session-service; the other services' copies forget it shortly after, on the"
              + " ClientErased events (docs/topics.md, Erasure)")
  @APIResponse(responseCode = "401", description = "No or bad token")
  @APIResponse(responseCode = "403", description = "Not an administrator")
  @APIResponse(responseCode = "404", description = "No such client")
  @APIResponse(
      responseCode = "409",
      description =
          "The client has a session that is not closed (currentState.openSessionIds): close it"
              + " first")
  public Uni<Response> erase(@PathParam("id") String id) {
    return eraser
        .erase(id)
        .map(erasure -> Response.accepted(ClientErasureView.of(erasure)).build())
        .onFailure()
        .transform(ClientResource::toProblem);
  }

  private static Throwable toProblem(Throwable failure) {
    if (failure instanceof ClientNotFound notFound) {
      return ProblemException.notFound(notFound.getMessage());
    }
    if (failure instanceof ClientHasOpenSessions open) {
      return ProblemException.conflict(
          open.getMessage(), Map.of("openSessionIds", open.openSessionIds()));
    }
    return failure;
  }
}
