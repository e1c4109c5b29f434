package dev.switchboard.routing.messaging;

import dev.switchboard.platform.runtime.messaging.GracefulStop;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Routing's consumers handle a record on a worker thread, blocking on Redis; this runs that
 * handling under the platform's {@link GracefulStop}: when the service stops, the record in hand
 * finishes (the stop waits for it while Redis is still open), a record not started yet is not
 * handled, and one whose handling fails because of the stop is neither acknowledged nor
 * dead-lettered. Either way its offset is not committed and it is read again at the next start
 * (every consumer is idempotent). Before, a record in hand during a stop could go to the
 * dead-letter topic with the reason that Redis was closed under it.
 */
@ApplicationScoped
public class StoppableHandling {

  @Inject GracefulStop gracefulStop;

  /** Whether the service is stopping: a failure now is likely the stop, not the record. */
  public boolean stopping() {
    return gracefulStop.stopping();
  }

  /**
   * Runs {@code handling} now, on the calling (worker) thread; the returned {@code Uni} is what the
   * {@code @Incoming} method returns: an item (acknowledged), a failure (dead-lettered), or, once
   * stopping, nothing (left for the next start).
   */
  public Uni<Void> run(Runnable handling) {
    Uni<Void> outcome =
        gracefulStop
            .<Void>handle(
                () -> {
                  handling.run();
                  return Uni.createFrom().voidItem();
                })
            .memoize()
            .indefinitely();
    // Subscribed here so the (blocking) handling runs on this worker thread, in record order,
    // whatever thread the messaging layer later subscribes on; the outcome is remembered.
    outcome.subscribe().with(done -> {}, failure -> {});
    return outcome;
  }
}
