package dev.switchboard.session.conversation.api;

import dev.switchboard.platform.runtime.api.Page;
import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.session.conversation.domain.Caller;
import dev.switchboard.session.conversation.usecase.AgentSessionList;
import dev.switchboard.session.conversation.usecase.BotSessionList;
import dev.switchboard.session.conversation.usecase.CloseSession;
import dev.switchboard.session.conversation.usecase.HandOverToAgents;
import dev.switchboard.session.conversation.usecase.ReplyToClient;
import dev.switchboard.session.conversation.usecase.SessionMessages;
import dev.switchboard.session.conversation.usecase.TransferSession;
import dev.switchboard.session.history.usecase.OneSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sessions for the people who work them (first-conversation contract): an agent's open sessions and
 * offers, a session's messages, replies, closing and transfers; and for chatbots (role {@code bot},
 * B1, B2): their sessions, their messages, answers and the handover to people. The caller is the
 * token's subject.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class SessionResource {

  @Inject AgentSessionList agentSessions;
  @Inject BotSessionList botSessions;
  @Inject SessionMessages sessionMessages;
  @Inject HandOverToAgents handovers;
  @Inject ReplyToClient replies;
  @Inject CloseSession closing;
  @Inject TransferSession transfers;
  @Inject OneSession oneSession;
  @Inject JsonWebToken token;
  @Inject SecurityIdentity identity;

  @GET
  @Path("agent/sessions")
  @RolesAllowed("agent")
  @Operation(
      summary =
          "The caller's open sessions (assigned to them) and the waiting sessions offered to them"
              + " (state OFFERED, with offerId and offerExpiresAt), oldest first")
  public Uni<Page<SessionSummary>> mySessions(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    int size = Page.limit(limit);
    long after = Cursors.after(cursor);
    return agentSessions
        .of(caller().id(), after, size + 1)
        .map(found -> page(found, size, SessionSummary::of, d -> d.session().seq));
  }

  @GET
  @Path("bot/sessions")
  @RolesAllowed("bot")
  @Operation(
      summary =
          "B1, B2: the sessions the calling chatbot has now (state BOT), oldest first; each stays"
              + " until the bot hands it over or it is closed")
  public Uni<Page<SessionSummary>> botSessions(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    int size = Page.limit(limit);
    long after = Cursors.after(cursor);
    return botSessions
        .of(caller().id(), after, size + 1)
        .map(found -> page(found, size, SessionSummary::of, d -> d.session().seq));
  }

  @POST
  @Path("sessions/{id}/handover")
  @RolesAllowed({"bot", "supervisor", "admin"})
  @Operation(
      summary =
          "B1: the chatbot hands the session over to people: it waits for an agent (QUEUED) and"
              + " routing-service distributes it; by the session's bot, a supervisor or an"
              + " administrator; 409 when the session is not with the bot")
  public Uni<HandoverView> handOver(@PathParam("id") String id) {
    return handovers
        .byCaller(id, caller())
        .map(HandoverView::of)
        .onFailure()
        .transform(SessionProblems::toProblem);
  }

  @GET
  @Path("sessions/{id}")
  @RolesAllowed({"agent", "supervisor", "admin", "bot"})
  @Operation(
      summary =
          "One session: its summary, the client's rating (R1-R3; null when not rated),"
              + " awaitingRatingUntil (A6) and unansweredSince (A3); same access as its messages")
  public Uni<SessionDetailView> session(@PathParam("id") String id) {
    return oneSession
        .of(id, caller())
        .map(SessionDetailView::of)
        .onFailure()
        .transform(SessionProblems::toProblem);
  }

  @GET
  @Path("sessions/{id}/messages")
  @RolesAllowed({"agent", "supervisor", "admin", "bot"})
  @Operation(
      summary =
          "A session's messages in order: for agents of its channel's queue (or its own agent),"
              + " supervisors and administrators, and the chatbot while the session is with it."
              + " In a channel without history (other.saveHistory false) every message of a"
              + " session closed for good is a [deleted] marker: text \"[deleted]\", no"
              + " attachments")
  public Uni<Page<MessageView>> messages(
      @PathParam("id") String id,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int size = Page.limit(limit);
    long after = Cursors.after(cursor);
    return sessionMessages
        .list(id, caller(), after, size + 1)
        .map(found -> page(found, size, MessageView::of, m -> m.seq))
        .onFailure()
        .transform(SessionProblems::toProblem);
  }

  @GET
  @Path("sessions/{id}/messages/{messageId}")
  @RolesAllowed({"agent", "supervisor", "admin", "bot"})
  @Operation(summary = "One message of a session; same access as the list")
  public Uni<MessageView> message(
      @PathParam("id") String id, @PathParam("messageId") String messageId) {
    return sessionMessages
        .one(id, messageId, caller())
        .map(MessageView::of)
        .onFailure()
        .transform(SessionProblems::toProblem);
  }

  @POST
  @Path("sessions/{id}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"agent", "supervisor", "admin", "bot"})
  @Operation(
      summary =
          "The assigned agent replies (or, in a session with the bot, the bot answers); the"
              + " client gets it through the session's connector",
      description =
          "201 with the message. Q3: an agent holding an open STRICT_ORDER offer of the waiting"
              + " session takes it by answering: session-service asks routing-service (the"
              + " arbiter) to accept it with the caller's token, then records the assignment"
              + " (SessionAccepted, SessionAssigned OFFER_ACCEPTED) and the reply together. 409"
              + " with currentState {sessionId, agentId, reason} when routing-service refuses"
              + " the offer (TAKEN_BY_ANOTHER, WITHDRAWN, EXPIRED, DECLINED, NOT_OFFERED,"
              + " AGENT_UNAVAILABLE, AT_CAPACITY, OFFER_CHANGED); 409 when the caller holds an"
              + " open ALL offer (accept it first, Q4); 503 when routing-service cannot be asked"
              + " (nothing stored, try again). 403 when the session is not the caller's and no"
              + " offer of it is; 409 with currentState when it does not take replies now (e.g."
              + " closed, or the channel is inactive)")
  public Uni<Response> reply(
      @PathParam("id") String id,
      SendMessageRequest request,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    String text = replyText(request);
    return replies
        .reply(id, caller(), text, authorization)
        .map(
            message ->
                Response.created(uri.getAbsolutePathBuilder().path(message.id.toString()).build())
                    .entity(MessageView.of(message))
                    .build())
        .onFailure()
        .transform(SessionProblems::toProblem);
  }

  @POST
  @Path("sessions/{id}/close")
  @RolesAllowed({"agent", "supervisor", "admin", "bot"})
  @Operation(
      summary =
          "Closes the session: its agent (closedBy AGENT), a supervisor or an administrator"
              + " (SUPERVISOR), or, while the session is with it, the session's chatbot (BOT, B2);"
              + " 403 for anyone else (another bot, an agent in a session with the bot); 409 with"
              + " currentState when already closed, or for the bot after its handover")
  public Uni<SessionSummary> close(@PathParam("id") String id) {
    return closing
        .close(id, caller())
        .map(SessionSummary::of)
        .onFailure()
        .transform(SessionProblems::toProblem);
  }

  @POST
  @Path("sessions/{id}/transfer")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"agent", "supervisor", "admin"})
  @Operation(
      summary =
          "Transfers an ASSIGNED session to another agent (toAgentId) or to a channel's queue"
              + " (toChannelId): it waits again (202, QUEUED) until routing-service assigns it;"
              + " by its agent, a supervisor or an administrator")
  public Uni<Response> transfer(@PathParam("id") String id, TransferRequest request) {
    String toAgentId = present(request == null ? null : request.toAgentId());
    String toChannelId = present(request == null ? null : request.toChannelId());
    if ((toAgentId == null) == (toChannelId == null)) {
      String message =
          toAgentId == null
              ? "one of toAgentId or toChannelId is required"
              : "only one of toAgentId or toChannelId may be given";
      throw new ProblemException(
          Problem.invalid(
              message,
              List.of(
                  new Problem.FieldError("toAgentId", message),
                  new Problem.FieldError("toChannelId", message))));
    }
    return transfers
        .transfer(id, caller(), toAgentId, toChannelId)
        .map(transfer -> Response.accepted(TransferView.of(transfer)).build())
        .onFailure()
        .transform(SessionProblems::toProblem);
  }

  private static String present(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String replyText(SendMessageRequest request) {
    String text = request == null ? null : request.text();
    if (text == null || text.isBlank()) {
      throw ProblemException.badField("text", "is required and must not be blank");
    }
    if (text.length() > SendMessageRequest.MAX_TEXT_LENGTH) {
      throw ProblemException.badField(
          "text", "must be at most " + SendMessageRequest.MAX_TEXT_LENGTH + " characters");
    }
    return text;
  }

  /** The caller: the token's subject (not the principal name, which may be a username). */
  private Caller caller() {
    return Callers.of(token, identity);
  }

  private static <T, V> Page<V> page(
      List<T> found, int size, Function<T, V> view, Function<T, Long> seq) {
    boolean more = found.size() > size;
    List<T> shown = more ? found.subList(0, size) : found;
    return new Page<>(
        shown.stream().map(view).toList(),
        Cursors.next(more, shown.isEmpty() ? null : seq.apply(shown.get(shown.size() - 1))));
  }
}
