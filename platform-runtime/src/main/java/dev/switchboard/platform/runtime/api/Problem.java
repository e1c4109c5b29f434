package dev.switchboard.platform.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error as {@code application/problem+json} (RFC 9457), the one error shape of every public
 * endpoint (API.md). {@code errors} lists the offending fields of a validation error; {@code
 * errorId} ties a 5xx answer to its log line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    List<FieldError> errors,
    String errorId,
    Object currentState) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public record FieldError(String field, String message) {}

  public static Problem of(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null, null, null);
  }

  public static Problem invalid(String detail, List<FieldError> errors) {
    return new Problem("about:blank", "Invalid request", 400, detail, errors, null, null);
  }

  public Problem withErrorId(String id) {
    return new Problem(type, title, status, detail, errors, id, currentState);
  }

  public Problem withCurrentState(Object state) {
    return new Problem(type, title, status, detail, errors, errorId, state);
  }
}
