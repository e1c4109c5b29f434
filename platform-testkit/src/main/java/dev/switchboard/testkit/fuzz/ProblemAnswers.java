package dev.switchboard.testkit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The answer rules of API.md that hold for any input, however hostile. */
public final class ProblemAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemAnswers() {}

  /**
   * Below 500; a 4xx is {@code application/problem+json} with its {@code status}, a {@code title}
   * and, for a 400, a {@code detail} or field {@code errors} naming what is wrong.
   */
  public static void assertAcceptable(HostileClient.Answer answer) {
    int status = answer.status();
    String body = answer.body();
    if (status >= 500) {
      throw new AssertionError("answered " + status + ": " + clip(body));
    }
    if (status < 400) {
      return;
    }
    String type = answer.contentType();
    if (type == null || !type.startsWith("application/problem+json")) {
      throw new AssertionError(
          "answered " + status + " as " + type + ", not application/problem+json: " + clip(body));
    }
    JsonNode problem;
    try {
      problem = JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(
          "answered " + status + " with a problem that is not JSON: " + clip(body));
    }
    boolean names =
        problem.path("status").asInt() == status
            && !problem.path("title").asText().isBlank()
            && (status != 400
                || !problem.path("detail").asText().isBlank()
                || !problem.path("errors").isEmpty());
    if (!names) {
      throw new AssertionError("answered " + status + " with an incomplete problem: " + clip(body));
    }
  }

  private static String clip(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
