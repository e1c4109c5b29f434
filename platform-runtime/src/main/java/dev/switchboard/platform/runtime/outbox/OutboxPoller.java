package dev.switchboard.platform.runtime.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The relay's safety net: whatever a wake after a commit missed (a crash, another instance's
 * failure) goes out at the next poll. It touches the relay only while the application runs:
 * messaging wires its emitters in a start-up observer of its own (priority 1000, before the
 * application's), and a poll that created the relay earlier failed with "Error injecting
 * MutinyEmitter"; after the stop began, the pool closes under it.
 */
@ApplicationScoped
@IfBuildProperty(name = "switchboard.outbox.enabled", stringValue = "true")
public class OutboxPoller {

  @Inject OutboxRelay relay;

  /** What the previous run left unpublished goes out at once. */
  void onStart(@Observes StartupEvent event) {
    relay.wake();
  }

  @Scheduled(
      delayed = "${switchboard.outbox.start-delay:2s}",
      every = "${switchboard.outbox.poll-interval:1s}",
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    relay.wake();
  }
}
