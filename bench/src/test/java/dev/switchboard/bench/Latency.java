package dev.switchboard.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** One latency figure of a step: an HdrHistogram in microseconds that any thread may record to. */
final class Latency {

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(30);

  final String name;
  private final Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);

  Latency(String name) {
    this.name = name;
  }

  /** Records {@code to - from} (both {@link System#nanoTime()}). */
  void record(long fromNanos, long toNanos) {
    long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(toNanos - fromNanos));
    histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
  }

  long count() {
    return histogram.getTotalCount();
  }

  /** The value at {@code percentile} (e.g. 99.9) in milliseconds; NaN when nothing was recorded. */
  double millis(double percentile) {
    return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
