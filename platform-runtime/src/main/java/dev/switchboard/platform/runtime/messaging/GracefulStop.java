package dev.switchboard.platform.runtime.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A graceful stop loses nothing and dead-letters nothing. When the service is asked to stop, the
 * records being handled are given a moment to finish while the database pool is still open; a
 * record that arrives after that, or that fails because the service is stopping (the pool closed
 * under it), is neither acknowledged nor dead-lettered: its handling never completes, so its offset
 * is not committed and the next start reads it again (every consumer is idempotent). Before, such
 * records went to the dead-letter topic with the reason "Pool closed".
 */
@ApplicationScoped
public class GracefulStop {

  private static final Logger LOG = Logger.getLogger(GracefulStop.class);

  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean stopping;

  @ConfigProperty(name = "switchboard.kafka.stop-drain-timeout", defaultValue = "10s")
  Duration drainTimeout;

  /** Whether the service is stopping: a failure now may be the stop itself, not the record. */
  public boolean stopping() {
    return stopping;
  }

  /**
   * Runs the handling of one record; once the service is stopping, a record not started yet, or one
   * that fails, is left for the next start.
   */
  public <T> Uni<T> handle(Supplier<Uni<? extends T>> handling) {
    if (stopping) {
      return Uni.createFrom().nothing();
    }
    inFlight.incrementAndGet();
    return Uni.createFrom()
        .<T>deferred(handling)
        .onItemOrFailure()
        .transformToUni(
            (item, failure) -> {
              inFlight.decrementAndGet();
              if (failure == null) {
                return Uni.createFrom().item(item);
              }
              if (stopping) {
                LOG.infof(
                    "Stopping: a record that failed (%s) is left for the next start",
                    failure.getMessage());
                return Uni.createFrom().nothing();
              }
              return Uni.createFrom().failure(failure);
            });
  }

  /** Before anything is torn down (the pool, the consumers): let the records in hand finish. */
  void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    stopping = true;
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    int left = inFlight.get();
    if (left > 0) {
      LOG.warnf(
          "Stopping with %d records still being handled; they are read again at the next start",
          left);
    } else {
      LOG.info("Stopping: every record in hand was handled");
    }
  }
}
