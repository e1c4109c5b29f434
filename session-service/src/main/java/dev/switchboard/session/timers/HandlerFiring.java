package dev.switchboard.session.timers;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs the kind's {@link TimerHandler} on a Vert.x duplicated context (what Hibernate Reactive
 * needs) in one reactive transaction that also consumes the timer's row, and blocks the
 * db-scheduler thread until it is done. The handler's changes and the timer's end commit together:
 * an instance that dies mid-firing leaves the row picked, and another instance fires it again once
 * its heartbeat is stale; one that committed leaves nothing to fire again.
 */
final class HandlerFiring implements TimerFiring {

  private static final Logger LOG = Logger.getLogger(HandlerFiring.class);

  private static final String CONSUME =
      "DELETE FROM scheduled_tasks WHERE task_name = :task AND task_instance = :instance"
          + " AND version = :version";

  private final Map<TimerKind, TimerHandler> handlers;
  private final Duration timeout;
  private final MeterRegistry metrics;

  HandlerFiring(Map<TimerKind, TimerHandler> handlers, Duration timeout, MeterRegistry metrics) {
    this.handlers = Map.copyOf(handlers);
    this.timeout = timeout;
    this.metrics = metrics;
  }

  @Override
  public void fire(TimerKind kind, UUID sessionId, Instant dueAt, long version) {
    TimerHandler handler = handlers.get(kind);
    try {
      if (handler == null) {
        throw new IllegalStateException(
            "No TimerHandler for "
                + kind
                + ": the timer is kept and retried until one is deployed");
      }
      VertxContextSupport.subscribeAndAwait(
          () ->
              Panache.withTransaction(
                      () ->
                          handler
                              .fire(sessionId, dueAt)
                              .call(() -> consume(kind, sessionId, version)))
                  .ifNoItem()
                  .after(timeout)
                  .fail());
    } catch (Throwable t) {
      count("switchboard.session.timers.failed", kind);
      // db-scheduler logs one line per failure (no stack trace: an outage fails every timer).
      LOG.debugf(t, "Timer %s of session %s failed; retried later", kind, sessionId);
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException("Timer " + kind + " of session " + sessionId + " failed", t);
    }
    count("switchboard.session.timers.fired", kind);
  }

  private static Uni<Void> consume(TimerKind kind, UUID sessionId, long version) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(CONSUME)
                    .setParameter("task", kind.taskName())
                    .setParameter("instance", sessionId.toString())
                    .setParameter("version", version)
                    .executeUpdate())
        .replaceWithVoid();
  }

  private void count(String name, TimerKind kind) {
    if (metrics != null) {
      metrics.counter(name, "kind", kind.name()).increment();
    }
  }
}
