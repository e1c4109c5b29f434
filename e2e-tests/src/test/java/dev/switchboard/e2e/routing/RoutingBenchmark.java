package dev.switchboard.e2e.routing;

import dev.switchboard.e2e.BenchmarkReport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's benchmark, not a test: it prints figures and checks no time. Run it with {@code
 * ./switchboard bench routing} (or {@code ./mvnw -pl e2e-tests verify -Dit.test=RoutingBenchmark}
 * after a package). The failsafe run of the build never picks it up (its name does not end in IT).
 *
 * <p>1,000 agents online, 20 channels of 50 agents each (EVENLY, limit 10), packaged
 * routing-service instance(s) on the real broker and Redis. Measured per session: from the moment
 * Kafka stamped its {@code SessionQueued} to the moment Kafka stamped routing's {@code
 * AgentAssigned} for it (record timestamps, one machine's clock), so it includes the broker and the
 * consumer's fetch on top of routing's own decision.
 *
 * <ul>
 *   <li>paced: sessions arrive at a steady rate well below capacity: the latency of one decision;
 *   <li>burst: thousands arrive at once: how many sessions per second routing gets through, and how
 *       long the last one waited.
 * </ul>
 *
 * <p>Knobs: {@code -Dbench.instances=2}, {@code -Dbench.paced.sessions}, {@code
 * -Dbench.paced.rate}, {@code -Dbench.burst.sessions}.
 */
class RoutingBenchmark {

  private static final int AGENTS = 1_000;
  private static final int CHANNELS = 20;
  private static final int LIMIT = 10;

  @Test
  void routeSessionsWithAThousandAgentsOnline() throws Exception {
    int instances = Integer.getInteger("bench.instances", 1);
    int pacedSessions = Integer.getInteger("bench.paced.sessions", 600);
    int pacedRate = Integer.getInteger("bench.paced.rate", 50);
    int burstSessions = Integer.getInteger("bench.burst.sessions", 3_000);

    List<String> report = new ArrayList<>();
    report.add("Routing benchmark, " + Instant.now());
    report.add(
        String.format(
            Locale.ROOT,
            "%d agents online, %d channels x %d agents, EVENLY, limit %d, %d routing instance(s), %d cores",
            AGENTS,
            CHANNELS,
            AGENTS / CHANNELS,
            LIMIT,
            instances,
            Runtime.getRuntime().availableProcessors()));

    try (RoutingScenario scenario =
            new RoutingScenario(AGENTS, CHANNELS, AGENTS / CHANNELS, AGENTS / CHANNELS, LIMIT);
        RoutingInstances routing = startRouting(scenario, instances)) {
      List<String> channels = new ArrayList<>(scenario.queues.keySet());

      // Warm-up, not measured: the JIT and the connections.
      runPaced(scenario, channels, 200, 100);
      awaitAllAssigned(scenario, 200);

      int before = scenario.ledger.assignedCount();
      long pacedStart = System.nanoTime();
      runPaced(scenario, channels, pacedSessions, pacedRate);
      awaitAllAssigned(scenario, before + pacedSessions);
      report.add(
          line(
              "paced " + pacedSessions + " at " + pacedRate + "/s",
              lastLatencies(scenario, pacedSessions),
              pacedSessions,
              System.nanoTime() - pacedStart));

      before = scenario.ledger.assignedCount();
      long burstStart = System.nanoTime();
      for (int s = 0; s < burstSessions; s++) {
        scenario.queue(channels.get(s % channels.size()));
      }
      scenario.flush();
      awaitAllAssigned(scenario, before + burstSessions);
      report.add(
          line(
              "burst " + burstSessions + " at once",
              lastLatencies(scenario, burstSessions),
              burstSessions,
              System.nanoTime() - burstStart));
      if (!scenario.ledger.violations().isEmpty()) {
        report.add("RULES BROKEN: " + scenario.ledger.violations());
      }
    }

    String text = String.join(System.lineSeparator(), report) + System.lineSeparator();
    BenchmarkReport.publish("routing", text);
  }

  private static RoutingInstances startRouting(RoutingScenario scenario, int instances)
      throws IOException {
    scenario.startGroupHere();
    scenario.publishChannelsAndPresence();
    return RoutingInstances.start(
        "routing-benchmark", instances, scenario.groupId, scenario.redisKeyPrefix);
  }

  private static void runPaced(
      RoutingScenario scenario, List<String> channels, int sessions, int perSecond) {
    long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long next = System.nanoTime();
    for (int s = 0; s < sessions; s++) {
      LockSupport.parkNanos(next - System.nanoTime());
      next += interval;
      scenario.queue(channels.get(s % channels.size()));
      scenario.pollAssignments(Duration.ZERO);
    }
    scenario.flush();
  }

  private static void awaitAllAssigned(RoutingScenario scenario, int assigned) {
    Awaitility.await("all sessions assigned")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ZERO)
        .until(
            () -> {
              scenario.pollAssignments(Duration.ofMillis(200));
              return scenario.ledger.assignedCount() >= assigned;
            });
  }

  private static List<Long> lastLatencies(RoutingScenario scenario, int count) {
    List<Long> all = scenario.ledger.latencies();
    return all.subList(Math.max(0, all.size() - count), all.size());
  }

  private static String line(String phase, List<Long> latencies, int sessions, long nanos) {
    List<Long> sorted = latencies.stream().sorted().toList();
    double seconds = nanos / 1e9;
    return String.format(
        Locale.ROOT,
        "%-22s queued->assigned p50 %4d ms  p99 %5d ms  max %5d ms | %6.0f sessions/s (%d in %.1f s)",
        phase,
        percentile(sorted, 50),
        percentile(sorted, 99),
        sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1),
        sessions / seconds,
        sessions,
        seconds);
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
