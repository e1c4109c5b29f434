package dev.switchboard.session.transcript.domain;

import java.time.Duration;

/**
 * How long a transcript whose sending failed waits before the next attempt: {@code initial} after
 * the first failure, doubled after each next one, never more than {@code max}. The request is kept
 * and retried for as long as it takes (a mail server that is down delays the mail).
 */
public record SendBackoff(Duration initial, Duration max) {

  public SendBackoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("Backoff needs 0 < initial <= max");
    }
  }

  /** The wait after this many failed attempts (1 = the first failure). */
  public Duration after(int failedAttempts) {
    int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
    Duration wait = initial;
    for (int i = 0; i < doublings && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
