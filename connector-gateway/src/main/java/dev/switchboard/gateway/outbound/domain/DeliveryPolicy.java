package dev.switchboard.gateway.outbound.domain;

import java.time.Duration;

/**
 * When to try a delivery again and when to give it up (docs/flows/first-conversation.md, step 6):
 * transient failures are retried with exponential back-off up to {@code maxAttempts} tries in all,
 * a refusal is given up at once. A rate limit (429) is not a failed try: a busy bot's replies wait
 * what the messenger asks, as often as it asks, up to {@code maxRateLimited} in all. Bounded on
 * purpose: the chat's later messages wait behind this one. What is given up goes to the dead-letter
 * topic with its reason ({@code ./switchboard dlq replay} sends it again).
 *
 * @param maxRetryAfter a 429 asking to wait longer than this at once is given up rather than
 *     holding the chat (a flood wait of an hour: the bot can send nothing for that long)
 * @param maxRateLimited the time one message may spend waiting on rate limits in all
 */
public record DeliveryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    Duration maxRateLimited) {

  public DeliveryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /**
   * What to do after failed try number {@code attempt} (1-based; rate-limited tries do not count)
   * came to {@code outcome}, the message having waited {@code rateLimited} on rate limits so far.
   */
  public Decision decide(int attempt, Duration rateLimited, AttemptOutcome outcome) {
    if (outcome instanceof AttemptOutcome.Refused refused) {
      return new Decision.GiveUp(refused.reason());
    }
    if (outcome instanceof AttemptOutcome.Failed failed) {
      return afterFailure(attempt, failed);
    }
    if (outcome instanceof AttemptOutcome.RateLimited limited) {
      return afterRateLimit(rateLimited, limited);
    }
    return new Decision.Done();
  }

  private Decision afterRateLimit(Duration waitedSoFar, AttemptOutcome.RateLimited limited) {
    Duration wait = limited.retryAfter() == null ? initialBackoff : limited.retryAfter();
    if (wait.compareTo(maxRetryAfter) > 0) {
      return new Decision.GiveUp(
          limited.reason()
              + "; asked to wait "
              + wait.toSeconds()
              + " s, more than the "
              + maxRetryAfter.toSeconds()
              + " s a chat may be held at once");
    }
    if (waitedSoFar.plus(wait).compareTo(maxRateLimited) > 0) {
      return new Decision.GiveUp(
          limited.reason()
              + "; rate-limited for "
              + waitedSoFar.toSeconds()
              + " s already, the most a message may wait is "
              + maxRateLimited.toSeconds()
              + " s");
    }
    return new Decision.Retry(wait);
  }

  private Decision afterFailure(int attempt, AttemptOutcome.Failed failed) {
    if (attempt >= maxAttempts) {
      return new Decision.GiveUp(
          "Gave up after " + attempt + " tries; the last: " + failed.reason());
    }
    Duration delay = backoff(attempt);
    if (failed.retryAfter() != null && failed.retryAfter().compareTo(delay) > 0) {
      delay =
          failed.retryAfter().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : failed.retryAfter();
    }
    return new Decision.Retry(delay);
  }

  /** The wait after try number {@code attempt}: initial, doubled each time, at most maxBackoff. */
  public Duration backoff(int attempt) {
    Duration delay = initialBackoff;
    for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }

  /** The policy's answer after one try. */
  public sealed interface Decision {
    record Done() implements Decision {}

    record Retry(Duration delay) implements Decision {}

    record GiveUp(String reason) implements Decision {}
  }
}
