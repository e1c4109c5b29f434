package dev.switchboard.bench;

import dev.switchboard.e2e.Platform;
import dev.switchboard.events.routing.DistributionMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Issue 11's routing decision time, not a test: {@link RoutingDecisionJmh} under JMH (SampleTime:
 * p50 / p99 / p99.9 of single decisions) for each distribution mode and queue size, then one pass
 * per case that times every Redis call of a decision ({@link RedisCallTimer}) to show where the
 * time goes. Table on stdout and in {@code bench/results/routing-decision-<date>.md}, with a PNG of
 * p99 against the number of agents. Needs only Redis ({@code REDIS_URL}, localhost:6379 unless
 * set). Run it with {@code ./switchboard bench routing-decision [--quick]}.
 *
 * <p>Knobs (system properties): {@code bench.quick} (no fork, 1 s of warm-up and 1 s of measurement
 * per case, no breakdown: under a minute), {@code bench.modes} and {@code bench.agents}
 * (comma-separated), {@code bench.forks}, {@code bench.warmup.iterations}, {@code
 * bench.warmup.seconds}, {@code bench.iterations}, {@code bench.iteration.seconds}, {@code
 * bench.breakdown} (false: skip the per-call pass).
 */
class RoutingDecisionBenchmark {

  /** The knobs, with the defaults of a full run and of {@code --quick}. */
  record Settings(
      boolean quick,
      List<String> modes,
      List<Integer> agents,
      int forks,
      int warmupIterations,
      int warmupSeconds,
      int iterations,
      int iterationSeconds,
      boolean breakdown) {

    static Settings fromSystemProperties() {
      boolean quick = Boolean.getBoolean("bench.quick");
      return new Settings(
          quick,
          Arrays.stream(System.getProperty("bench.modes", "EVENLY,STRICT_ORDER,ALL").split(","))
              .map(String::trim)
              .toList(),
          Arrays.stream(System.getProperty("bench.agents", "10,100,1000,10000").split(","))
              .map(s -> Integer.parseInt(s.trim()))
              .toList(),
          Integer.getInteger("bench.forks", quick ? 0 : 1),
          Integer.getInteger("bench.warmup.iterations", quick ? 1 : 2),
          Integer.getInteger("bench.warmup.seconds", 1),
          Integer.getInteger("bench.iterations", quick ? 1 : 3),
          Integer.getInteger("bench.iteration.seconds", quick ? 1 : 2),
          Boolean.parseBoolean(System.getProperty("bench.breakdown", quick ? "false" : "true")));
    }
  }

  /** Where one case's time went, from {@link RedisCallTimer}. */
  record Breakdown(
      String mode,
      int agents,
      int decisions,
      long nanos,
      Map<String, RedisCallTimer.Calls> calls) {}

  @Test
  void routingDecision() throws Exception {
    Settings settings = Settings.fromSystemProperties();
    String loadBefore = Machine.loadAverage();
    long started = System.nanoTime();
    RoutingDecisionFixture.deleteLeftovers();
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(RoutingDecisionJmh.class.getName() + ".decide")
            .param("mode", settings.modes().toArray(String[]::new))
            .param("agents", settings.agents().stream().map(String::valueOf).toArray(String[]::new))
            .forks(settings.forks())
            .warmupIterations(settings.warmupIterations())
            .warmupTime(TimeValue.seconds(settings.warmupSeconds()))
            .measurementIterations(settings.iterations())
            .measurementTime(TimeValue.seconds(settings.iterationSeconds()))
            .timeUnit(TimeUnit.MICROSECONDS)
            .shouldFailOnError(true);
    if (settings.forks() > 0) {
      // The JVM a service runs in, roughly (heap capped, G1 as the default).
      options.jvmArgs("-Xms256m", "-Xmx512m", "-Djava.awt.headless=true");
    }
    Collection<RunResult> results;
    try {
      results = new Runner(options.build()).run();
    } finally {
      RoutingDecisionFixture.deleteLeftovers();
    }

    List<Breakdown> breakdowns = new ArrayList<>();
    if (settings.breakdown()) {
      for (String mode : settings.modes()) {
        for (int agents : settings.agents()) {
          breakdowns.add(breakdown(DistributionMode.valueOf(mode), agents));
        }
      }
    }
    new RoutingDecisionReport(
            settings,
            results,
            breakdowns,
            Duration.ofNanos(System.nanoTime() - started),
            loadBefore)
        .write(Platform.projectRoot().resolve("bench/results"));
  }

  /** Decisions with every Redis call timed: fewer for bigger queues, whose decisions are slower. */
  private static Breakdown breakdown(DistributionMode mode, int agents) {
    int decisions = Math.max(10, Math.min(300, 100_000 / agents));
    RedisCallTimer[] timer = new RedisCallTimer[1];
    try (RoutingDecisionFixture fixture =
        new RoutingDecisionFixture(
            mode,
            agents,
            redis -> {
              timer[0] = RedisCallTimer.around(redis);
              return timer[0].proxy();
            })) {
      for (int i = 0; i < Math.min(decisions / 2, 50); i++) {
        fixture.undo(fixture.decide());
      }
      long nanos = 0;
      for (int i = 0; i < decisions; i++) {
        timer[0].recording(true);
        long start = System.nanoTime();
        String sessionId = fixture.decide();
        nanos += System.nanoTime() - start;
        timer[0].recording(false);
        fixture.undo(sessionId);
      }
      return new Breakdown(mode.name(), agents, decisions, nanos, timer[0].calls());
    }
  }
}
