package dev.switchboard.session.timers;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The db-scheduler {@link Scheduler} that fires this instance's share of the durable timers: it
 * polls {@code scheduled_tasks} over the JDBC datasource (the one Flyway uses), with the injected
 * {@link Clock} as its "now", picks due rows (each row is picked by one instance: picking bumps its
 * version) and hands them to the kind's {@link TimerHandler}. Started at start-up unless {@code
 * switchboard.timers.enabled=false}, stopped at shutdown before the datasource closes.
 */
@ApplicationScoped
public class DurableTimers {

  private static final Logger LOG = Logger.getLogger(DurableTimers.class);

  @Inject TimersConfig config;
  @Inject DataSource dataSource;
  @Inject Clock clock;
  @Inject MeterRegistry metrics;
  @Inject @Any Instance<TimerHandler> handlers;

  @ConfigProperty(name = "switchboard.db.schema")
  String schema;

  @ConfigProperty(name = "quarkus.application.name")
  String application;

  private Scheduler scheduler;

  void onStart(@Observes StartupEvent event) {
    if (config.enabled()) {
      start();
    } else {
      LOG.info("Durable timers are off here (switchboard.timers.enabled=false): none fires");
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** Starts firing (again, after {@link #stop()}); nothing when running. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    Map<TimerKind, TimerHandler> byKind = handlersByKind();
    Set<TimerKind> missing = EnumSet.allOf(TimerKind.class);
    missing.removeAll(byKind.keySet());
    if (!missing.isEmpty()) {
      LOG.warnf("No TimerHandler for %s yet: such timers are kept and retried, not fired", missing);
    }
    List<Task<?>> tasks = tasks(new HandlerFiring(byKind, config.handlerTimeout(), metrics));
    scheduler =
        newScheduler(
            dataSource,
            table(),
            config,
            clock,
            tasks,
            new MicrometerStatsRegistry(metrics, tasks),
            application + "-" + UUID.randomUUID().toString().substring(0, 8));
    scheduler.start();
    LOG.infof(
        "Durable timers: polling %s every %s with %d threads",
        table(), config.pollingInterval(), config.threads());
  }

  /** Stops firing; firings in progress are waited for up to {@code shutdown-max-wait}. */
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.stop();
      scheduler = null;
    }
  }

  /** {@code scheduled_tasks} in the service's schema (the JDBC connections have no search_path). */
  String table() {
    return schema + ".scheduled_tasks";
  }

  List<Task<?>> tasks(TimerFiring firing) {
    return TimerTasks.of(
        firing, new RetryForever(config.retryInitialDelay(), config.retryMaxDelay()));
  }

  /** A scheduler of the timers' tasks; also what a test builds a second instance with. */
  static Scheduler newScheduler(
      DataSource dataSource,
      String table,
      TimersConfig config,
      Clock clock,
      List<Task<?>> tasks,
      StatsRegistry stats,
      String name) {
    return Scheduler.create(dataSource, tasks)
        .tableName(table)
        .clock(clock::instant)
        .serializer(new DueAtSerializer())
        .pollingInterval(config.pollingInterval())
        // PostgreSQL: one statement locks and fetches due rows (SELECT ... FOR UPDATE SKIP LOCKED),
        // so instances do not race for the same rows.
        .pollUsingLockAndFetch(0.5, 1.0)
        .threads(config.threads())
        .heartbeatInterval(config.heartbeatInterval())
        .shutdownMaxWait(config.shutdownMaxWait())
        .schedulerName(new SchedulerName.Fixed(name))
        .statsRegistry(stats)
        .failureLogging(LogLevel.WARN, false)
        .build();
  }

  private Map<TimerKind, TimerHandler> handlersByKind() {
    Map<TimerKind, TimerHandler> byKind = new EnumMap<>(TimerKind.class);
    Map<TimerKind, Boolean> alternative = new EnumMap<>(TimerKind.class);
    for (Instance.Handle<TimerHandler> handle : handlers.handles()) {
      TimerHandler handler = handle.get();
      boolean isAlternative = handle.getBean().isAlternative();
      TimerKind kind = handler.kind();
      if (byKind.containsKey(kind)) {
        if (isAlternative == alternative.get(kind)) {
          throw new IllegalStateException("Two TimerHandlers for " + kind);
        }
        if (!isAlternative) {
          continue; // an enabled alternative (e.g. a test's) replaces the service's own
        }
      }
      byKind.put(kind, handler);
      alternative.put(kind, isAlternative);
    }
    return byKind;
  }
}
