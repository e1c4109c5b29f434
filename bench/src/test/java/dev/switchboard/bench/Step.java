package dev.switchboard.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One offered rate held for a while: what was sent, what came back, how fast. {@code completed}
 * counts what reached its end (a frame) in time; what had not when the step ended plus its grace
 * period is the backlog, and is recorded in {@link #toFrame} at the age it had then (a lower bound:
 * leaving it out would flatter the percentiles).
 */
final class Step {

  final String phase;
  final double offeredPerSecond;
  final int count;
  final Latency webhookToOk = new Latency("webhook -> HTTP 200");
  final Latency toFrame;
  final Latency replyToSendMessage = new Latency("agent reply -> sendMessage at the stub");
  final AtomicInteger answeredOk = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  final AtomicInteger replyFailed = new AtomicInteger();
  private final AtomicLong lastCompletionNanos = new AtomicLong();

  long startNanos;
  long sendEndNanos;
  long generatorLagNanos;
  long closedNanos;
  int backlog;
  Map<String, Long> rssKb = Map.of();

  /** CPU ms each process spent from the step's start to its end (plus grace). */
  Map<String, Double> cpuMs = Map.of();

  Step(String phase, double offeredPerSecond, int count, String frameFigure) {
    this.phase = phase;
    this.offeredPerSecond = offeredPerSecond;
    this.count = count;
    this.toFrame = new Latency(frameFigure);
  }

  void completedAt(long dueNanos, long nowNanos) {
    toFrame.record(dueNanos, nowNanos);
    completed.incrementAndGet();
    lastCompletionNanos.accumulateAndGet(nowNanos, Math::max);
  }

  /** Requests per second the generator actually sent. */
  double sentPerSecond() {
    return count / seconds(sendEndNanos - startNanos);
  }

  /** Completions per second from the first due time to the last completion within the step. */
  double heldPerSecond() {
    long last = lastCompletionNanos.get();
    if (completed.get() == 0 || last == 0) {
      return 0;
    }
    return completed.get() / seconds(Math.min(last, closedNanos) - startNanos);
  }

  /** Under 1 s at p99 and nothing left behind: the step's rate is sustainable. */
  boolean held() {
    return backlog == 0 && failed.get() == 0 && toFrame.millis(99) < 1000;
  }

  private static double seconds(long nanos) {
    return Math.max(1, nanos) / (double) TimeUnit.SECONDS.toNanos(1);
  }

  /** CPU ms a process spent per completed item (session or message) of the step; NaN if none. */
  double cpuMsPerItem(String process) {
    int done = completed.get();
    return done == 0 ? Double.NaN : cpuMs.getOrDefault(process, 0.0) / done;
  }
}
