package dev.switchboard.session.timers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The gauge {@code switchboard.session.timers.pending{kind}}: the timers stored and not fired yet
 * (failing ones included), counted every {@code switchboard.timers.pending-gauge-interval}; one
 * grouped count over the table's primary key, not a query per scrape.
 */
@ApplicationScoped
public class PendingTimers {

  private static final Logger LOG = Logger.getLogger(PendingTimers.class);

  @Inject Pool pool;
  @Inject MeterRegistry metrics;

  private final Map<TimerKind, AtomicLong> pending = new EnumMap<>(TimerKind.class);

  void register(@Observes StartupEvent event) {
    for (TimerKind kind : TimerKind.values()) {
      pending.put(
          kind,
          metrics.gauge(
              "switchboard.session.timers.pending",
              Tags.of("kind", kind.name()),
              new AtomicLong()));
    }
  }

  @Scheduled(
      every = "${switchboard.timers.pending-gauge-interval}",
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> count() {
    return pool.query("SELECT task_name, count(*) FROM scheduled_tasks GROUP BY task_name")
        .execute()
        .invoke(
            rows -> {
              Map<TimerKind, Long> counted = new EnumMap<>(TimerKind.class);
              for (Row row : rows) {
                for (TimerKind kind : TimerKind.values()) {
                  if (kind.taskName().equals(row.getString(0))) {
                    counted.put(kind, row.getLong(1));
                  }
                }
              }
              pending.forEach((kind, gauge) -> gauge.set(counted.getOrDefault(kind, 0L)));
            })
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.debugf(failure, "Counting pending timers failed; the next count retries");
              return null;
            });
  }
}
