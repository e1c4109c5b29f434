package dev.switchboard.session.timers;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** One db-scheduler one-time task per {@link TimerKind}. */
final class TimerTasks {

  /**
   * The firing consumed the row in its own transaction (version-checked), so db-scheduler has
   * nothing left to do on success.
   */
  private static final CompletionHandler<Instant> CONSUMED_BY_THE_FIRING = (complete, ops) -> {};

  private TimerTasks() {}

  static List<Task<?>> of(TimerFiring firing, RetryForever retry) {
    return Arrays.stream(TimerKind.values())
        .<Task<?>>map(kind -> task(kind, firing, retry))
        .toList();
  }

  private static Task<Instant> task(TimerKind kind, TimerFiring firing, RetryForever retry) {
    return Tasks.custom(kind.taskName(), Instant.class)
        .onFailure(retry)
        // An instance that died mid-firing: another one fires it again (its transaction never
        // committed, or the row would be gone).
        .onDeadExecutionRevive()
        .execute(
            (instance, context) -> {
              Execution execution = context.getExecution();
              Instant dueAt = instance.getData();
              firing.fire(
                  kind,
                  UUID.fromString(instance.getId()),
                  dueAt != null ? dueAt : execution.executionTime,
                  execution.version);
              return CONSUMED_BY_THE_FIRING;
            });
  }
}
