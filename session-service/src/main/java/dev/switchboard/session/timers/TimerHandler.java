package dev.switchboard.session.timers;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.UUID;

/**
 * What happens when a timer of one {@link #kind()} is due: a CDI bean (e.g.
 * {@code @ApplicationScoped}) implementing this interface is found at start-up, one per kind.
 *
 * <p>A firing is a wake-up, not a command: the session may have moved on in a way that did not
 * cancel the timer (or raced with it), so the handler reads the session's state and does nothing
 * when the timer no longer applies. {@link #fire} runs inside a reactive transaction ({@code
 * Panache.withTransaction}) opened on a Vert.x context for it; the timer is consumed in that same
 * transaction, so the handler's changes and the timer's end commit together. A failure (an
 * exception or a failed {@code Uni}) rolls both back and the timer is tried again with backoff,
 * forever: make the work idempotent and let transient failures fail.
 */
public interface TimerHandler {

  /** The kind this handler fires. */
  TimerKind kind();

  /**
   * The timer of {@code sessionId} fired.
   *
   * @param dueAt the time it was scheduled for (firing is later: after polling, a retry or a
   *     restart)
   */
  Uni<Void> fire(UUID sessionId, Instant dueAt);
}
