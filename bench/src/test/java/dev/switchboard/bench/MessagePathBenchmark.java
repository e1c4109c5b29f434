package dev.switchboard.bench;

import dev.switchboard.bench.MessagePathScenario.Client;
import dev.switchboard.e2e.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's benchmark, not a test: it prints figures and checks no time. Run it with {@code
 * ./switchboard bench message-path [--quick]}; the build never runs it (its name does not end in
 * IT).
 *
 * <p>The six packaged services as {@code e2e-tests} starts them, on the real broker, PostgreSQL and
 * Redis, driven through the gateway only. Open model: each webhook is due at {@code t0 + i / rate}
 * and every latency runs from that due time, so a slow platform cannot slow the load down.
 *
 * <ol>
 *   <li>Bare Kafka produce to consume on the same broker ({@link KafkaBaseline}), the yardstick
 *       every latency is also given against (÷ its p99).
 *   <li>New sessions at each offered rate of {@code bench.rates}: a new client's first webhook to
 *       HTTP 200 (the gateway answers after Kafka's ack) and to the first {@code ASSIGNED}/{@code
 *       OFFERED} frame on an agent's WebSocket; a sample of those sessions gets an agent's reply,
 *       timed to its {@code sendMessage} at the Telegram stub. A step holds when p99 is under 1 s
 *       and nothing is left unoffered {@code bench.grace.seconds} after its last webhook; the knee
 *       is the highest rate that holds. The steps stop after the first that does not.
 *   <li>Messages into the sessions that reached an agent, at each rate of {@code
 *       bench.message.rates}: webhook to HTTP 200 and to the {@code MESSAGE} frame.
 * </ol>
 *
 * <p>Knobs (system properties): {@code bench.quick}, {@code bench.rates}, {@code
 * bench.step.seconds}, {@code bench.grace.seconds}, {@code bench.message.rates}, {@code
 * bench.message.seconds}, {@code bench.channels}, {@code bench.agents.per.channel}, {@code
 * bench.reply.fraction}, {@code bench.drain.seconds}, {@code bench.baseline.rate}, {@code
 * bench.baseline.seconds}, {@code bench.all.steps} (keep going past a step that does not hold),
 * {@code bench.warmup.rate}, {@code bench.warmup.seconds} (the unmeasured load before the first
 * step; 0 for a cold platform).
 */
class MessagePathBenchmark {

  /**
   * The Kafka clients of this JVM (the baseline, ConsumerGroups) would bury the figures under their
   * configuration dumps; a strong reference keeps the level from being collected with the logger.
   */
  private static final java.util.logging.Logger KAFKA_LOG = quiet("org.apache.kafka");

  /** The knobs, with the defaults of a full run and of {@code --quick}. */
  record Settings(
      boolean quick,
      List<Double> rates,
      int stepSeconds,
      int graceSeconds,
      List<Double> messageRates,
      int messageSeconds,
      int channels,
      int agentsPerChannel,
      double replyFraction,
      int drainSeconds,
      double baselineRate,
      int baselineSeconds,
      boolean allSteps,
      double warmUpRate,
      int warmUpSeconds) {

    static Settings fromSystemProperties() {
      boolean quick = Boolean.getBoolean("bench.quick");
      return new Settings(
          quick,
          rates("bench.rates", quick ? "10,50,200" : "10,20,50,100,200,500,1000,2000"),
          Integer.getInteger("bench.step.seconds", quick ? 5 : 10),
          Integer.getInteger("bench.grace.seconds", quick ? 3 : 5),
          rates("bench.message.rates", quick ? "20,100" : "20,50,100,200,500,1000,2000,5000"),
          Integer.getInteger("bench.message.seconds", quick ? 5 : 10),
          Integer.getInteger("bench.channels", 4),
          Integer.getInteger("bench.agents.per.channel", 5),
          Double.parseDouble(System.getProperty("bench.reply.fraction", "0.1")),
          Integer.getInteger("bench.drain.seconds", quick ? 3 : 30),
          Double.parseDouble(System.getProperty("bench.baseline.rate", "1000")),
          Integer.getInteger("bench.baseline.seconds", quick ? 3 : 5),
          Boolean.getBoolean("bench.all.steps"),
          Double.parseDouble(System.getProperty("bench.warmup.rate", "30")),
          Integer.getInteger("bench.warmup.seconds", quick ? 60 : 120));
    }

    private static List<Double> rates(String property, String defaults) {
      return Arrays.stream(System.getProperty(property, defaults).split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(Double::parseDouble)
          .toList();
    }
  }

  @Test
  void messagePathAtFixedArrivalRates() throws Exception {
    Settings settings = Settings.fromSystemProperties();
    String loadBefore = Machine.loadAverage();
    long began = System.nanoTime();
    Platform.start();
    Duration platformStart = Duration.ofNanos(System.nanoTime() - began);
    say("platform started in %.1f s", platformStart.toMillis() / 1000.0);
    try {
      Latency baseline;
      List<Step> sessionSteps = new ArrayList<>();
      List<Step> messageSteps = new ArrayList<>();
      Step knee = null;
      int unmatched;
      ServiceProfiles profiles;
      try (MessagePathScenario scenario =
          new MessagePathScenario(
              settings.channels(), settings.agentsPerChannel(), settings.replyFraction())) {
        say(
            "%d channels with %d agents online each",
            settings.channels(), settings.agentsPerChannel());
        warmUp(scenario, settings);
        // After the warm-up: the same broker, with the platform up and settled but idle.
        baseline = KafkaBaseline.measure(settings.baselineRate(), settings.baselineSeconds());
        say(
            "bare Kafka produce -> consume: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms",
            baseline.millis(50), baseline.millis(99), baseline.millis(99.9));
        profiles = ServiceProfiles.startIfAsked();
        for (double rate : settings.rates()) {
          Step step =
              new Step(
                  "new sessions",
                  rate,
                  (int) Math.round(rate * settings.stepSeconds()),
                  "webhook -> first OFFERED/ASSIGNED frame");
          List<Client> fresh = scenario.newClients(step.count, step);
          run(
              step,
              settings.graceSeconds(),
              (i, due) -> scenario.sendFirstMessage(fresh.get(i), due));
          scenario.close(step, fresh);
          step.rssKb = ServiceMemory.rssKb();
          sessionSteps.add(step);
          progress(step);
          if (step.held()) {
            knee = step;
          } else if (!settings.allSteps()) {
            break;
          }
        }
        List<Client> withAgent = drain(scenario, settings.drainSeconds());
        for (double rate : withAgent.isEmpty() ? List.<Double>of() : settings.messageRates()) {
          Step step =
              new Step(
                  "messages",
                  rate,
                  (int) Math.round(rate * settings.messageSeconds()),
                  "webhook -> MESSAGE frame");
          run(
              step,
              settings.graceSeconds(),
              (i, due) -> scenario.sendFollowUp(withAgent.get(i % withAgent.size()), step, due));
          scenario.close(step, List.of());
          step.rssKb = ServiceMemory.rssKb();
          messageSteps.add(step);
          progress(step);
          if (!step.held() && !settings.allSteps()) {
            break;
          }
        }
        unmatched = scenario.unmatchedFrames();
        if (profiles != null) {
          profiles.stopAndReport();
        }
      }
      Map<String, Long> rssAtEnd = ServiceMemory.rssKb();
      new MessagePathReport(
              settings,
              platformStart,
              baseline,
              sessionSteps,
              messageSteps,
              knee,
              rssAtEnd,
              unmatched,
              Duration.ofNanos(System.nanoTime() - began),
              loadBefore)
          .write(Platform.projectRoot().resolve("bench/results"));
    } finally {
      killServicesTogether();
      Platform.stopIfRunning();
    }
  }

  /**
   * Ends every service at once, without a graceful stop: nothing is measured after the report, the
   * consumer groups were this run's own, and a backlog left by the last step would hold each
   * graceful stop up to its 20 s limit, one service after the other.
   */
  private static void killServicesTogether() throws InterruptedException {
    if (Boolean.getBoolean("bench.jfr")) {
      dumpRecordings();
    }
    List<Thread> stopping = new ArrayList<>();
    for (var service : Platform.services().values()) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  service.kill();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      thread.start();
      stopping.add(thread);
    }
    for (Thread thread : stopping) {
      thread.join();
    }
  }

  /**
   * With {@code -Dbench.jfr=true}: a killed JVM writes no recording, so each service's is dumped
   * first ({@code jcmd <pid> JFR.dump}) to its {@code <module>.jfr} beside its log.
   */
  private static void dumpRecordings() throws InterruptedException {
    java.nio.file.Path logs = Platform.projectRoot().resolve("e2e-tests/target/e2e-logs");
    for (var entry : Platform.services().entrySet()) {
      try {
        Process jcmd =
            new ProcessBuilder(
                    java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd")
                        .toString(),
                    Long.toString(entry.getValue().pid()),
                    "JFR.dump",
                    "filename=" + logs.resolve(entry.getKey() + ".jfr"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        jcmd.waitFor(60, TimeUnit.SECONDS);
      } catch (java.io.IOException e) {
        say("no recording of %s: %s", entry.getKey(), e.getMessage());
      }
    }
  }

  /**
   * A few sessions per channel, not measured: routing learns the channels and the agents, the JIT
   * and the connections warm up. Waits (bounded) until they reached an agent.
   */
  private static void warmUp(MessagePathScenario scenario, Settings settings) {
    Step step = new Step("warm-up", 10, settings.channels() * 2, "warm-up");
    List<Client> clients = scenario.newClients(step.count, step);
    run(step, 0, (i, due) -> scenario.sendFirstMessage(clients.get(i), due));
    boolean all =
        awaitUntil(
            Duration.ofSeconds(60), () -> clients.stream().allMatch(c -> c.sessionId != null));
    scenario.close(step, clients);
    say(
        "warm-up: %d of %d sessions reached an agent%s",
        step.completed.get(),
        step.count,
        all ? "" : " within 60 s (the platform is slow to take the first sessions)");
    warmUpUnderLoad(scenario, settings);
  }

  /**
   * Fresh JVMs spend their first minutes compiling. Measured here (async-profiler, 2026-12-07): in
   * a cold {@code --quick} run each of the three busy services spent ~50 s in compilations of over
   * 100 ms, and the knee was 10 new sessions/s; after 30 s at 20/s the C2 compiler still took ~45 %
   * of their CPU in the measured steps, after 120 s at 30/s ~33 %, and the knee was 50/s. So a
   * steady load of new sessions and messages runs first, not measured, then the services are given
   * time to settle (until their CPU falls below a tenth of a core, at most 30 s). A platform that
   * has run for a while is what the figures describe; {@code -Dbench.warmup.seconds=0} measures a
   * cold one.
   */
  private static void warmUpUnderLoad(MessagePathScenario scenario, Settings settings) {
    if (settings.warmUpSeconds() <= 0) {
      return;
    }
    int count = (int) Math.round(settings.warmUpRate() * settings.warmUpSeconds());
    Step step = new Step("warm-up under load", settings.warmUpRate(), count, "warm-up");
    List<Client> with = scenario.clientsWithAnAgent();
    List<Client> fresh = scenario.newClients((count + 1) / 2, step);
    run(
        step,
        5,
        (i, due) -> {
          if (i % 2 == 0 || with.isEmpty()) {
            scenario.sendFirstMessage(fresh.get(Math.min(i / 2, fresh.size() - 1)), due);
          } else {
            scenario.sendFollowUp(with.get(i % with.size()), step, due);
          }
        });
    scenario.close(step, fresh);
    long settleStart = System.nanoTime();
    Map<String, Double> before = ProcessCpu.millis();
    double busy = Double.NaN;
    while (System.nanoTime() - settleStart < TimeUnit.SECONDS.toNanos(30)) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
      Map<String, Double> after = ProcessCpu.millis();
      busy =
          ProcessCpu.between(before, after).entrySet().stream()
                  .filter(e -> Platform.services().containsKey(e.getKey()))
                  .mapToDouble(Map.Entry::getValue)
                  .sum()
              / 2000.0;
      before = after;
      if (busy < 0.1) {
        break;
      }
    }
    say(
        "warm-up under load: %d requests at %.0f/s, %d completed; services then settled for %.0f s"
            + " (last 2 s: %.2f cores)",
        count,
        settings.warmUpRate(),
        step.completed.get(),
        (System.nanoTime() - settleStart) / 1e9,
        busy);
  }

  /**
   * Sends the step's requests at its rate, then waits until all completed or {@code graceSeconds}
   * passed since the last was due.
   */
  private static void run(Step step, int graceSeconds, FixedRate.Action action) {
    Map<String, Double> cpuBefore = ProcessCpu.millis();
    step.startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    step.generatorLagNanos =
        FixedRate.run(step.startNanos, step.count, step.offeredPerSecond, action);
    step.sendEndNanos = System.nanoTime();
    awaitUntil(Duration.ofSeconds(graceSeconds), () -> step.completed.get() >= step.count);
    step.cpuMs = ProcessCpu.between(cpuBefore, ProcessCpu.millis());
  }

  /** Waits up to {@code seconds} for every client's session; answers those with an agent. */
  private static List<Client> drain(MessagePathScenario scenario, int seconds) {
    List<Client> before = scenario.clientsWithAnAgent();
    long start = System.nanoTime();
    // Polled, not slept through: the backlog is the platform's, nothing here can signal it.
    awaitUntil(
        Duration.ofSeconds(seconds),
        () -> scenario.clientsWithAnAgent().size() >= scenario.clientCount());
    List<Client> after = scenario.clientsWithAnAgent();
    say(
        "before the messages: %d sessions with an agent (%d more arrived in %.1f s of draining), %d"
            + " clients still without one",
        after.size(),
        after.size() - before.size(),
        (System.nanoTime() - start) / 1e9,
        scenario.clientCount() - after.size());
    return after;
  }

  private static boolean awaitUntil(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return true;
  }

  private static void progress(Step step) {
    say(
        "%s at %.0f/s: sent %.0f/s, held %.0f/s, backlog %d, HTTP failures %d, %s p99 %.1f ms%s",
        step.phase,
        step.offeredPerSecond,
        step.sentPerSecond(),
        step.heldPerSecond(),
        step.backlog,
        step.failed.get(),
        step.toFrame.name,
        step.toFrame.millis(99),
        step.held() ? "" : "  (does not hold)");
    StringBuilder cpu = new StringBuilder();
    step.cpuMs.forEach(
        (process, ms) ->
            cpu.append(
                String.format(Locale.ROOT, " %s %.1f", process, step.cpuMsPerItem(process))));
    say("  CPU ms per completed item:%s", cpu);
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  private static final long STARTED = System.nanoTime();

  /** A progress line, stamped with the seconds since the benchmark began. */
  private static void say(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "[bench %5.1f s] %s%n",
        (System.nanoTime() - STARTED) / 1e9,
        String.format(Locale.ROOT, format, args));
  }
}
