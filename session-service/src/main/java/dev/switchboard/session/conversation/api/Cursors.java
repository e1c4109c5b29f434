package dev.switchboard.session.conversation.api;

import dev.switchboard.platform.runtime.api.ProblemException;

/**
 * The {@code ?cursor=} of this API: the sequence number of the last item of the previous page, a
 * stable order that new items only extend.
 */
public final class Cursors {

  private Cursors() {}

  /** The sequence to continue after; 0 for the first page. */
  public static long after(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    try {
      long seq = Long.parseLong(cursor);
      if (seq < 0) {
        throw new NumberFormatException();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw ProblemException.badField("cursor", "is not a cursor this API gave out");
    }
  }

  /** The cursor of the next page when there is one (one more item was fetched than shown). */
  public static String next(boolean more, Long lastSeq) {
    return more && lastSeq != null ? Long.toString(lastSeq) : null;
  }
}
