package dev.switchboard.session.conversation.api;

import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemException;
import dev.switchboard.session.conversation.domain.AccessDenied;
import dev.switchboard.session.conversation.domain.SessionNotFound;
import dev.switchboard.session.conversation.domain.SessionStateConflict;
import dev.switchboard.session.conversation.domain.TransferTargetUnknown;

/** The domain's refusals as the API's problems (API.md, "Errors"). */
final class SessionProblems {

  private SessionProblems() {}

  static Throwable toProblem(Throwable failure) {
    if (failure instanceof SessionNotFound notFound) {
      return ProblemException.notFound(notFound.getMessage());
    }
    if (failure instanceof AccessDenied denied) {
      return new ProblemException(Problem.of(403, "Forbidden", denied.getMessage()));
    }
    if (failure instanceof SessionStateConflict conflict) {
      return ProblemException.conflict(conflict.getMessage(), conflict.currentState().name());
    }
    if (failure instanceof TransferTargetUnknown unknown) {
      return ProblemException.badField(unknown.field(), unknown.getMessage());
    }
    return failure;
  }
}
