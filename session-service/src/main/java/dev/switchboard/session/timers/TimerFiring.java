package dev.switchboard.session.timers;

import java.time.Instant;
import java.util.UUID;

/** Fires one picked timer on a db-scheduler thread: returns when done, throws when it failed. */
interface TimerFiring {

  /**
   * @param version the version of the row as picked: the firing consumes the row only if it still
   *     has it (a timer moved meanwhile stays, at its new time)
   */
  void fire(TimerKind kind, UUID sessionId, Instant dueAt, long version);
}
