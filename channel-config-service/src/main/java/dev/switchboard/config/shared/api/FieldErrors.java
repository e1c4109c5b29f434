package dev.switchboard.config.shared.api;

import dev.switchboard.platform.runtime.api.Problem;
import dev.switchboard.platform.runtime.api.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every invalid field of a request, so one 400 names them all (API.md "Errors"). Messages
 * never repeat the value that was sent: some fields are secrets.
 */
public final class FieldErrors {

  private final List<Problem.FieldError> errors = new ArrayList<>();

  public FieldErrors add(String field, String message) {
    errors.add(new Problem.FieldError(field, message));
    return this;
  }

  public boolean has(String field) {
    return errors.stream().anyMatch(error -> error.field().equals(field));
  }

  /** Throws a 400 naming every field collected so far; does nothing when there is none. */
  public void throwIfAny() {
    if (errors.isEmpty()) {
      return;
    }
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    throw new ProblemException(Problem.invalid(detail, List.copyOf(errors)));
  }
}
