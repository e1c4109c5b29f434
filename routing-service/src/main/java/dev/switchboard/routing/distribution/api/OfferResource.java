package dev.switchboard.routing.distribution.api;

import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.distribution.domain.LiveAgentState.AcceptResult;
import dev.switchboard.routing.distribution.domain.OfferDistributor.AcceptOutcome;
import dev.switchboard.routing.distribution.domain.OfferDistributor.Acceptance;
import dev.switchboard.routing.recovery.StateRecovery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An agent answers an offer (Q3, Q4): accept takes the session, decline passes it on. The agent is
 * the token's subject; routing is the only arbiter, so each answer is one atomic step in Redis.
 */
@Path("/api/v1/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offers")
public class OfferResource {

  @Inject Distributor distributor;
  @Inject JsonWebToken token;
  @Inject StateRecovery recovery;

  @POST
  @Path("/accept")
  @RolesAllowed("agent")
  @Operation(
      summary = "Take a session offered to you",
      description =
          "200 when you hold an open offer for the session (or already took it): the session is"
              + " yours and your capacity is reserved; the other agents' offers are withdrawn."
              + " 409 otherwise, saying why: taken by another agent, withdrawn, expired, declined,"
              + " never offered to you, or you are offline or at your limit now (the offer then"
              + " passes on).")
  public OfferAnswerView accept(@PathParam("sessionId") String sessionId) {
    requireWholeState();
    String agentId = token.getSubject();
    Acceptance acceptance = distributor.offers().acceptSession(sessionId, agentId);
    if (acceptance.outcome() == AcceptOutcome.ASSIGNED) {
      return new OfferAnswerView(sessionId, agentId, acceptance.offerId(), "ASSIGNED");
    }
    throw conflict(sessionId, agentId, acceptance.why());
  }

  @POST
  @Path("/decline")
  @RolesAllowed("agent")
  @Operation(
      summary = "Decline a session offered to you",
      description =
          "200 when you held an open offer for the session: it passes on as on timeout (Q3) and"
              + " is not offered to you again in this round. 409 when you hold no open offer.")
  public OfferAnswerView decline(@PathParam("sessionId") String sessionId) {
    requireWholeState();
    String agentId = token.getSubject();
    Optional<String> declined = distributor.offers().declineSession(sessionId, agentId);
    if (declined.isPresent()) {
      return new OfferAnswerView(sessionId, agentId, declined.get(), "DECLINED");
    }
    throw conflict(sessionId, agentId, distributor.offers().whyNotHeld(sessionId, agentId));
  }

  /** No answer on a state being rebuilt (StateRecovery): a 503 the agent's app retries. */
  private void requireWholeState() {
    if (!recovery.intact()) {
      throw new ProblemException(
          Problem.of(503, "Service unavailable", "Routing's state is being rebuilt; try again"));
    }
  }

  private static ProblemException conflict(String sessionId, String agentId, AcceptResult why) {
    String detail =
        switch (why) {
          case TAKEN_BY_ANOTHER -> "Session " + sessionId + " was taken by another agent";
          case ALREADY_YOURS -> "Session " + sessionId + " is already assigned to you";
          case WITHDRAWN -> "The offer of session " + sessionId + " to you was withdrawn";
          case EXPIRED -> "The offer of session " + sessionId + " to you expired";
          case DECLINED -> "You declined session " + sessionId;
          case AGENT_UNAVAILABLE ->
              "You are not online, so session " + sessionId + " was passed on";
          case AT_CAPACITY ->
              "You are at your session limit, so session " + sessionId + " was passed on";
          case OFFER_CHANGED -> "The offer of session " + sessionId + " changed; try again";
          default -> "Session " + sessionId + " is not offered to you";
        };
    return ProblemException.conflict(detail, new OfferConflictView(sessionId, agentId, why.name()));
  }
}
