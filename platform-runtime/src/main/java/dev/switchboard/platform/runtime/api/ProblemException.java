package dev.switchboard.platform.runtime.api;

/**
 * Thrown by a resource or a use case to answer with a given problem: a 409 with the current state,
 * a 412 with the current version, a 400 naming its field.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(Problem.of(404, "Not found", what + " does not exist"));
  }

  public static ProblemException conflict(String detail, Object currentState) {
    return new ProblemException(Problem.of(409, "Conflict", detail).withCurrentState(currentState));
  }

  public static ProblemException badField(String field, String message) {
    return new ProblemException(
        Problem.invalid(
            field + ": " + message, java.util.List.of(new Problem.FieldError(field, message))));
  }
}
