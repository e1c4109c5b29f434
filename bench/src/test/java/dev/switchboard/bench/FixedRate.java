package dev.switchboard.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open model: request {@code i} is due at {@code start + i / rate}, whatever happened to the
 * earlier ones. The caller's action must not block (it starts an asynchronous request), and it is
 * given the due time, from which every latency is measured: a generator that falls behind sends
 * late, and the lateness counts against the system, not in its favour (no coordinated omission).
 */
final class FixedRate {

  private FixedRate() {}

  interface Action {
    void send(int index, long dueNanos);
  }

  /**
   * Runs {@code count} actions at {@code perSecond}, from {@code startNanos}, on this thread.
   *
   * @return how late the last action started, in nanoseconds (the generator's own lag)
   */
  static long run(long startNanos, int count, double perSecond, Action action) {
    double interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long lag = 0;
    for (int i = 0; i < count; i++) {
      long due = startNanos + (long) (i * interval);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      lag = System.nanoTime() - due;
      action.send(i, due);
    }
    return lag;
  }
}
