package dev.switchboard.session.timers;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Duration;
import java.time.Instant;

/**
 * A failed firing (e.g. the database away) is tried again later, each time twice as late up to a
 * cap, and never given up: a timer is not dropped nor dead-lettered. The retry keeps the timer's
 * data (its original due time) and is version-checked: a timer moved meanwhile keeps its new time.
 */
final class RetryForever implements FailureHandler<Instant> {

  private final Duration initial;
  private final Duration max;

  RetryForever(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /** The wait after the {@code failures}-th failure in a row (1 for the first). */
  Duration delayAfter(int failures) {
    Duration delay = initial;
    for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) < 0 ? delay : max;
  }

  @Override
  public void onFailure(
      ExecutionComplete complete, ExecutionOperations<Instant> executionOperations) {
    int failures = complete.getExecution().consecutiveFailures + 1;
    Instant next = complete.getTimeDone().plus(delayAfter(failures));
    executionOperations.reschedule(complete, next);
  }
}
