package dev.switchboard.session.transcript.api;

import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.session.conversation.api.Callers;
import dev.switchboard.session.conversation.api.SessionProblems;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.transcript.domain.EmailAddress;
import dev.switchboard.session.transcript.mail.RequestTranscript;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** O4: a session's transcript by e-mail, asked for by the people who work the session. */
@Path("/api/v1/sessions/{id}/transcript")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class TranscriptResource {

  @Inject RequestTranscript requests;
  @Inject JsonWebToken token;
  @Inject SecurityIdentity identity;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"agent", "supervisor", "admin"})
  @Operation(
      summary =
          "O4: e-mails the session's transcript (the channel's name, the date, every message as"
              + " [HH:mm] Author: text in the channel's working-time zone) in the channel's"
              + " language (other.language: en, es, ru, de; English otherwise); by the session's"
              + " agent, a supervisor or an administrator",
      description =
          "202 once the request is stored: the mail is sent from there, retried while the mail"
              + " server fails, and sent once. 400 when email is not one address; 404 for an"
              + " unknown session or one the caller may not know; 403 for an agent of the"
              + " session's queue who does not have it. With the channel's saveHistory off (O3),"
              + " a closed session's messages are gone and its transcript has none.")
  public Uni<Response> request(@PathParam("id") String id, TranscriptRequestBody body) {
    String email = EmailAddress.parse(body == null ? null : body.email());
    if (email == null) {
      throw ProblemException.badField(
          "email",
          "must be one e-mail address (local@domain), at most "
              + EmailAddress.MAX_LENGTH
              + " characters");
    }
    return requests
        .byCaller(id, caller(), email)
        .map(request -> Response.accepted(TranscriptQueuedView.of(request)).build())
        .onFailure()
        .transform(SessionProblems::toProblem);
  }

  private Caller caller() {
    return Callers.of(token, identity);
  }
}
