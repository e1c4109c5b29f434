package dev.switchboard.session.erasure.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What an erasure did, or did before: a repeated erasure answers the first one's time.
 *
 * @param sessions the client's sessions, kept anonymised for the statistics
 */
public record ClientErasure(UUID clientId, Instant erasedAt, int sessions) {

  /** What replaces every message text of the client's sessions. */
  public static final String ERASED_TEXT = "[erased]";

  /**
   * The prefix of the random value that replaces an external chat id. Random, not a hash: a hash of
   * a chat id (a Telegram user id is a number) could be reversed by trying every id.
   */
  public static final String CHAT_PSEUDONYM_PREFIX = "erased:";
}
