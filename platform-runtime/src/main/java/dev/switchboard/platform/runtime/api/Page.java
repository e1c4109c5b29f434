package dev.switchboard.platform.runtime.api;

import java.util.List;

/**
 * A page of a collection (API.md): the items in a stable order and the cursor of the next page, or
 * null.
 */
public record Page<T>(List<T> items, String nextCursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** The {@code ?limit=} of a request, checked: 1 to 500, 50 when absent. */
  public static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw ProblemException.badField("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }
}
