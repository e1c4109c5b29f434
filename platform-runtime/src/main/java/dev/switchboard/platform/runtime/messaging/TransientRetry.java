package dev.switchboard.platform.runtime.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Retries work that failed for a reason that passes ({@link TransientFailures}) for as long as it
 * takes, with an exponential backoff capped at {@link #MAX_BACKOFF}: a consumer holds its position
 * (its records stay uncommitted) while the database restarts, instead of dead-lettering records
 * that were fine. Any other failure is tried {@value #OTHER_TRIES} times in all (a lost race, such
 * as a unique key another transaction took a moment before, passes on the next try) and then given
 * up, so that a record that can never be handled cannot block its partition. Once the service is
 * stopping nothing is tried again ({@link GracefulStop} leaves the records for the next start).
 */
@ApplicationScoped
public class TransientRetry {

  private static final Logger LOG = Logger.getLogger(TransientRetry.class);

  static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** Tries of a failure not known to pass, the first included. */
  static final int OTHER_TRIES = 3;

  @Inject GracefulStop gracefulStop;

  /**
   * Runs {@code work} (subscribing again for each try) until it succeeds or fails for good.
   *
   * @param what what is being done, for the log ("storing a batch of 12 inbound records")
   */
  public <T> Uni<T> untilDone(String what, Supplier<Uni<? extends T>> work) {
    // The next try runs on the context of the first: Hibernate Reactive refuses another thread.
    return Uni.createFrom().deferred(() -> attempt(what, work, Vertx.currentContext(), 1));
  }

  private <T> Uni<T> attempt(
      String what, Supplier<Uni<? extends T>> work, Context context, int attempt) {
    return Uni.createFrom()
        .<T>deferred(work)
        .onFailure(
            failure ->
                !gracefulStop.stopping()
                    && (attempt < OTHER_TRIES || TransientFailures.isTransient(failure)))
        .recoverWithUni(
            failure -> {
              Duration delay = backoff(attempt);
              LOG.warnf(
                  "%s failed (try %d, %s: %s); trying again in %d ms",
                  what,
                  attempt,
                  failure.getClass().getSimpleName(),
                  failure.getMessage(),
                  delay.toMillis());
              return sleep(context, delay).chain(() -> attempt(what, work, context, attempt + 1));
            });
  }

  /** 100 ms, 200 ms, 400 ms, ... up to {@link #MAX_BACKOFF}. */
  static Duration backoff(int attempt) {
    long millis = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 16);
    return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
  }

  private static Uni<Void> sleep(Context context, Duration delay) {
    if (context == null) {
      return Uni.createFrom().voidItem().onItem().delayIt().by(delay);
    }
    return Uni.createFrom()
        .emitter(
            emitter ->
                context
                    .owner()
                    .setTimer(
                        delay.toMillis(),
                        id -> context.runOnContext(ignored -> emitter.complete(null))));
  }
}
