package dev.switchboard.gateway.outbound.domain;

import java.time.Duration;

/** What one try to deliver a message to a messenger came to. */
public sealed interface AttemptOutcome {

  /** The messenger took the message. */
  record Delivered(String externalMessageId) implements AttemptOutcome {}

  /** The messenger refused it for good (a 4xx other than 429): trying again cannot help. */
  record Refused(String reason) implements AttemptOutcome {}

  /**
   * It may work later: a 5xx, a timeout, no connection.
   *
   * @param retryAfter how long the messenger asked to wait ({@code Retry-After}), or null
   */
  record Failed(String reason, Duration retryAfter) implements AttemptOutcome {}

  /**
   * The messenger is busy and asked to wait (Telegram's 429 with {@code retry_after}): nothing is
   * wrong with the message, so it is not a failed try.
   *
   * @param retryAfter how long it asked to wait, or null if it did not say
   */
  record RateLimited(String reason, Duration retryAfter) implements AttemptOutcome {}
}
