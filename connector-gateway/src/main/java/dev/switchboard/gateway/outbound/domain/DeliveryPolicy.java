package dev.switchboard.gateway.outbound.domain;

import java.time.Duration;

/**
 * When to try a delivery again and when to give it up (docs/flows/first-conversation.md, step 6):
 * transient failures are retried with exponential back-off up to {@code maxAttempts} tries in all,
 * a 429 waits at least what the messenger asked for, a refusal is given up at once. Bounded on
 * purpose: the chat's later messages wait behind this one.
 *
 * @param maxRetryAfter a 429 asking to wait longer than this is given up rather than holding the
 *     chat
 */
public record DeliveryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public DeliveryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** What to do after try number {@code attempt} (1-based) came to {@code outcome}. */
  public Decision decide(int attempt, AttemptOutcome outcome) {
    if (outcome instanceof AttemptOutcome.Refused refused) {
      return new Decision.GiveUp(refused.reason());
    }
    if (outcome instanceof AttemptOutcome.Failed failed) {
      return afterFailure(attempt, failed);
    }
    return new Decision.Done();
  }

  private Decision afterFailure(int attempt, AttemptOutcome.Failed failed) {
    if (attempt >= maxAttempts) {
      return new Decision.GiveUp(
          "Gave up after " + attempt + " tries; the last: " + failed.reason());
    }
    Duration delay = backoff(attempt);
    if (failed.retryAfter() != null) {
      if (failed.retryAfter().compareTo(maxRetryAfter) > 0) {
        return new Decision.GiveUp(
            failed.reason()
                + "; asked to wait "
                + failed.retryAfter().toSeconds()
                + " s, more than the "
                + maxRetryAfter.toSeconds()
                + " s a chat may be held");
      }
      if (failed.retryAfter().compareTo(delay) > 0) {
        delay = failed.retryAfter();
      }
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
