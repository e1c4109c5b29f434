package dev.switchboard.session.conversation.api;

import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.OfferNotTaken;
import dev.switchboard.session.conversation.domain.RoutingUnavailable;
import dev.switchboard.session.conversation.domain.SessionNotFound;
import dev.switchboard.session.conversation.domain.SessionStateConflict;
import dev.switchboard.session.conversation.domain.TransferTargetUnknown;

/** The domain's refusals as the API's problems (API.md, "Errors"). */
public final class SessionProblems {

  private SessionProblems() {}

  public static Throwable toProblem(Throwable failure) {
    if (failure instanceof SessionNotFound notFound) {
      return ProblemException.notFound(notFound.getMessage());
    }
    if (failure instanceof AccessDenied denied) {
      return new ProblemException(Problem.of(403, "Forbidden", denied.getMessage()));
    }
    if (failure instanceof SessionStateConflict conflict) {
      return ProblemException.conflict(conflict.getMessage(), conflict.currentState().name());
    }
    if (failure instanceof OfferNotTaken refused) {
      return ProblemException.conflict(
          refused.getMessage(),
          new OfferConflictState(refused.sessionId(), refused.agentId(), refused.reason()));
    }
    if (failure instanceof RoutingUnavailable unavailable) {
      return new ProblemException(Problem.of(503, "Service unavailable", unavailable.getMessage()));
    }
    if (failure instanceof TransferTargetUnknown unknown) {
      return ProblemException.badField(unknown.field(), unknown.getMessage());
    }
    return failure;
  }
}
