package dev.switchboard.e2e.chaos;

import dev.switchboard.e2e.Platform;
import dev.switchboard.e2e.ServiceProcess;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Issue 12's kill-and-restart run: under a steady webhook load, with agents working over the
 * gateway, each service in turn is killed ({@code kill -9}) and started again, then the broker,
 * then PostgreSQL and Redis are cut for tens of seconds; after a quiet period the {@link
 * ChaosLedger} checks what must hold. One pass over every fault by default; with {@code minutes} it
 * repeats passes, with random gaps and cut lengths, until that time is up.
 */
final class ChaosRun {

  /** A fault injected: when (seconds into the load), how long it lasted, when intake was back. */
  record Fault(String name, double atSeconds, double lastedSeconds, double intakeBackSeconds) {}

  /** What the run did and found. */
  record Result(
      List<Fault> faults, List<ChaosLedger.Invariant> invariants, String report, Path file) {

    long violations() {
      return invariants.stream().mapToLong(i -> i.violations().size()).sum();
    }
  }

  private static final double WEBHOOKS_PER_SECOND = 3;
  private static final int LIMIT = 2;
  private static final int OFFER_TIMEOUT_SECONDS = 60;
  private static final Duration QUIET_AT_MOST = Duration.ofMinutes(4);

  private final double minutes;
  private final ThreadLocalRandom random = ThreadLocalRandom.current();
  private final List<Fault> faults = new ArrayList<>();
  private long loadStart;

  /** {@code minutes} 0: one pass over every fault. */
  ChaosRun(double minutes) {
    this.minutes = minutes;
  }

  Result run() throws Exception {
    long began = System.nanoTime();
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(6);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    List<ChaosAgent> agents = new ArrayList<>();
    try (ChaosRig rig = new ChaosRig()) {
      say(
          "platform up in %.0f s (its own broker at %s)",
          since(began), rig.broker.bootstrapServers());
      String run = UUID.randomUUID().toString().substring(0, 6);
      List<ChaosRig.Channel> channels =
          List.of(
              rig.channel("Chaos evenly A " + run, "EVENLY", ids(run, "a", 3), LIMIT, 60),
              rig.channel("Chaos evenly B " + run, "EVENLY", ids(run, "b", 3), LIMIT, 60),
              rig.channel(
                  "Chaos strict " + run,
                  "STRICT_ORDER",
                  ids(run, "s", 3),
                  LIMIT,
                  OFFER_TIMEOUT_SECONDS));
      for (ChaosRig.Channel channel : channels) {
        for (String agentId : channel.agentIds()) {
          // The first agent of the strict channel never takes an offer: each of its offers runs
          // until its timer passes the session on.
          boolean lazy = agentId.equals(channels.get(2).agentIds().get(0));
          ChaosAgent agent = new ChaosAgent(agentId, !lazy, rig.gateway(), http, executor);
          agents.add(agent);
          agent.start();
        }
      }
      try (ChaosLoad load = new ChaosLoad(rig.gateway(), channels, http)) {
        ChaosLedger ledger = new ChaosLedger(rig, channels, load, agents);
        for (ChaosRig.Channel channel : channels) {
          awaitIntake(load, ledger, channel, Duration.ofMinutes(2));
        }
        say("each channel takes webhooks; steady load of %.0f webhooks/s", WEBHOOKS_PER_SECOND);
        loadStart = System.nanoTime();
        load.start(WEBHOOKS_PER_SECOND);
        pause(10);
        do {
          for (String module : Platform.MODULES) {
            if (wanted(module)) {
              killAndRestart(rig, load, ledger, channels.get(0), module);
            }
          }
          if (wanted("kafka")) {
            killBroker(rig, load, ledger, channels.get(0));
          }
          if (wanted("postgres")) {
            cut(rig, load, ledger, channels.get(0), "PostgreSQL", rig.postgres);
          }
          if (wanted("redis")) {
            cut(rig, load, ledger, channels.get(0), "Redis", rig.redis);
          }
        } while (since(loadStart) < minutes * 60);
        load.stop();
        long quietStart = System.nanoTime();
        boolean settled = quiet(load, ledger, agents);
        double quietSeconds = since(quietStart);
        say("quiet period: %.0f s%s", quietSeconds, settled ? "" : " (did not settle)");
        List<ChaosLedger.Invariant> invariants = ledger.check();
        String report =
            report(load, ledger, agents, invariants, quietSeconds, settled, since(began));
        Path file = ChaosRig.DIR.resolve("chaos-report.md");
        Files.writeString(file, report);
        System.out.println(report);
        return new Result(List.copyOf(faults), invariants, report, file);
      }
    } finally {
      agents.forEach(ChaosAgent::close);
      executor.shutdownNow();
    }
  }

  private void killAndRestart(
      ChaosRig rig, ChaosLoad load, ChaosLedger ledger, ChaosRig.Channel probe, String module)
      throws Exception {
    ServiceProcess service = rig.services.get(module);
    double at = since(loadStart);
    long start = System.nanoTime();
    service.kill();
    service.start();
    service.awaitReady(Duration.ofSeconds(180));
    recovered(rig, load, ledger, probe, "kill -9 " + module, at, since(start));
  }

  private void killBroker(ChaosRig rig, ChaosLoad load, ChaosLedger ledger, ChaosRig.Channel probe)
      throws Exception {
    double at = since(loadStart);
    long start = System.nanoTime();
    rig.broker.kill();
    rig.broker.restart();
    recovered(rig, load, ledger, probe, "kill -9 Kafka broker", at, since(start));
  }

  private void cut(
      ChaosRig rig,
      ChaosLoad load,
      ChaosLedger ledger,
      ChaosRig.Channel probe,
      String what,
      dev.switchboard.testkit.TcpProxy proxy)
      throws Exception {
    int seconds = minutes > 0 ? random.nextInt(20, 31) : 20;
    double at = since(loadStart);
    proxy.cut();
    pause(seconds);
    proxy.restore();
    recovered(rig, load, ledger, probe, "cut " + what + " connections", at, seconds);
  }

  /**
   * Waits until every service is ready and a new client's webhook, sent now, is stored by
   * session-service: the fault is over for a client. Then the gap before the next fault.
   */
  private void recovered(
      ChaosRig rig,
      ChaosLoad load,
      ChaosLedger ledger,
      ChaosRig.Channel probe,
      String name,
      double at,
      double lasted) {
    long end = System.nanoTime();
    rig.awaitAllReady();
    awaitIntake(load, ledger, probe, Duration.ofMinutes(3));
    Fault fault = new Fault(name, at, lasted, since(end));
    faults.add(fault);
    say(
        "%-34s at %5.0f s, lasted %5.1f s, intake back after %5.1f s",
        name, at, lasted, fault.intakeBackSeconds());
    pause(minutes > 0 ? random.nextInt(10, 31) : 5);
  }

  private static void awaitIntake(
      ChaosLoad load, ChaosLedger ledger, ChaosRig.Channel channel, Duration atMost) {
    Awaitility.await("a new client's webhook to " + channel.id() + " is stored")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              ChaosLoad.Webhook webhook = load.probe(channel);
              return webhook != null && storedWithin(ledger, webhook, Duration.ofSeconds(30));
            });
  }

  private static boolean storedWithin(
      ChaosLedger ledger, ChaosLoad.Webhook webhook, Duration atMost) {
    try {
      Awaitility.await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> ledger.storedClientMessages().containsKey(webhook));
      return true;
    } catch (ConditionTimeoutException notYet) {
      return false;
    }
  }

  /**
   * After the load: until every webhook answered 2xx is stored, every reply taken reached the stub
   * and no session of the run is open (the strict channel's offers pass on after their timers).
   */
  private static boolean quiet(ChaosLoad load, ChaosLedger ledger, List<ChaosAgent> agents) {
    try {
      Awaitility.await("the platform settles")
          .atMost(QUIET_AT_MOST)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                Map<ChaosLoad.Webhook, Integer> stored = ledger.storedClientMessages();
                Map<String, Long> sent = ledger.repliesSent();
                return load.webhooks.entrySet().stream()
                        .filter(Map.Entry::getValue)
                        .allMatch(e -> stored.containsKey(e.getKey()))
                    && agents.stream()
                        .flatMap(a -> a.repliesTaken.keySet().stream())
                        .allMatch(sent::containsKey)
                    && ledger.openSessions() == 0;
              });
      return true;
    } catch (ConditionTimeoutException notSettled) {
      return false;
    }
  }

  private String report(
      ChaosLoad load,
      ChaosLedger ledger,
      List<ChaosAgent> agents,
      List<ChaosLedger.Invariant> invariants,
      double quietSeconds,
      boolean settled,
      double totalSeconds)
      throws Exception {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "# Chaos run (%s)%n%nLoad: %d webhooks at %.0f/s (%d answered 2xx, %d refused attempts"
                + " retried as Telegram does), %d replies taken from %d agents; quiet period"
                + " %.0f s%s, %d sessions left open; whole run %.0f s.%n%n",
            minutes > 0 ? minutes + " minutes" : "one pass",
            load.webhooks.size(),
            WEBHOOKS_PER_SECOND,
            load.answered(),
            load.attemptsRefused.get(),
            agents.stream().mapToInt(a -> a.repliesTaken.size()).sum(),
            agents.size(),
            quietSeconds,
            settled ? "" : " (did not settle)",
            ledger.openSessions(),
            totalSeconds));
    out.append("| fault | at (s) | lasted (s) | intake back after (s) |\n|---|---:|---:|---:|\n");
    for (Fault fault : faults) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.1f | %.1f |%n",
              fault.name(),
              fault.atSeconds(),
              fault.lastedSeconds(),
              fault.intakeBackSeconds()));
    }
    out.append("\n| invariant | checked | violations |\n|---|---:|---:|\n");
    for (ChaosLedger.Invariant invariant : invariants) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d |%n",
              invariant.name(),
              invariant.checked(),
              invariant.violations().size()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nFaults injected: %d; invariants checked: %d; violations: %d.%n",
            faults.size(),
            invariants.size(),
            invariants.stream().mapToLong(i -> i.violations().size()).sum()));
    for (ChaosLedger.Invariant invariant : invariants) {
      invariant.violations().stream()
          .limit(20)
          .forEach(
              v -> out.append("- ").append(invariant.name()).append(": ").append(v).append('\n'));
    }
    return out.toString();
  }

  /**
   * The faults of the single pass in the test command: the services on the message path, the broker
   * and both databases. channel-config, kpi and crm-bridge are killed in {@code ./switchboard
   * chaos} runs only (their restarts add minutes to the test command and little to what it proves
   * today).
   */
  private static final List<String> SINGLE_PASS =
      List.of(
          "session-service", "routing-service", "connector-gateway", "kafka", "postgres", "redis");

  /**
   * {@code -Dchaos.faults=redis,session-service} (modules, kafka, postgres, redis) injects only
   * those, to reproduce one finding; by default every fault in timed runs and {@link #SINGLE_PASS}
   * in the single pass.
   */
  private boolean wanted(String fault) {
    String only = System.getProperty("chaos.faults", "");
    if (only.isBlank()) {
      return minutes > 0 || SINGLE_PASS.contains(fault);
    }
    return List.of(only.split(",")).contains(fault);
  }

  private static List<String> ids(String run, String prefix, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add("chaos-" + run + "-" + prefix + i);
    }
    return ids;
  }

  /** A planned part of the schedule (a fault's length, a gap between faults): not a wait. */
  private static void pause(int seconds) {
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds));
  }

  private static double since(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }

  private static void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[chaos] %s%n", String.format(Locale.ROOT, format, args));
  }
}
