package dev.switchboard.bench;

import dev.switchboard.bench.MessagePathScenario.Client;
import dev.switchboard.e2e.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's memory soak, not a test: a steady load for {@code bench.soak.minutes} (10) while each
 * service's RSS is sampled every {@code bench.soak.sample.seconds} (15), then a table (service, RSS
 * at the start, max, end, slope in MB/min) on stdout and in {@code
 * bench/results/soak-<yyyy-MM-dd-HHmm>.md}. Run it with {@code ./switchboard bench soak [--minutes
 * N]}; the build never runs it (its name does not end in IT).
 *
 * <p>The platform is started as {@code e2e-tests} starts it (its JVM options are those of {@code
 * deploy/service-jvm.options}) and driven through the gateway only, by {@link MessagePathScenario}:
 * {@code bench.soak.session.rate} new sessions/s (50) plus {@code bench.soak.message.rate}
 * messages/s (150) into the sessions that reached an agent, on one fixed-rate schedule ({@link
 * FixedRate}: a slow platform does not slow the load down). The start figure is the first sample
 * after a warm-up; the slope is a least-squares fit over the second half of the samples, where the
 * JIT and the class loading have settled and what still grows is what would leak.
 */
class SoakBenchmark {

  private static final java.util.logging.Logger KAFKA_LOG =
      java.util.logging.Logger.getLogger("org.apache.kafka");

  static {
    // The Kafka clients of this JVM would bury the figures under their configuration dumps.
    KAFKA_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private record Sample(double minutes, Map<String, Long> rssKb, int sessions, int messages) {}

  @Test
  void memoryUnderSteadyLoad() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("bench.soak.minutes", "10"));
    int sampleSeconds = Integer.getInteger("bench.soak.sample.seconds", 15);
    double sessionRate = Double.parseDouble(System.getProperty("bench.soak.session.rate", "50"));
    double messageRate = Double.parseDouble(System.getProperty("bench.soak.message.rate", "150"));
    int channels = Integer.getInteger("bench.channels", 4);
    int agentsPerChannel = Integer.getInteger("bench.agents.per.channel", 5);
    String loadBefore = Machine.loadAverage();

    Platform.start();
    List<Sample> samples = new ArrayList<>();
    Step sessions = new Step("soak sessions", sessionRate, 0, "webhook -> first frame");
    Step messages = new Step("soak messages", messageRate, 0, "webhook -> MESSAGE frame");
    int sentSessions = 0;
    int sentMessages = 0;
    int skippedMessages = 0;
    try (MessagePathScenario scenario = new MessagePathScenario(channels, agentsPerChannel, 0.1)) {
      warmUp(scenario, channels);
      long began = System.nanoTime();
      samples.add(new Sample(0, ServiceMemory.rssKb(), 0, 0));
      say("warm-up done; %s", rssLine(samples.get(0).rssKb()));
      double total = sessionRate + messageRate;
      int perInterval = (int) Math.round(total * sampleSeconds);
      int intervals = (int) Math.ceil(minutes * 60 / sampleSeconds);
      long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
      long sent = 0;
      for (int interval = 0; interval < intervals; interval++) {
        // The clients who can take a message: refreshed once per interval (a scan of all clients).
        List<Client> withAgent = scenario.clientsWithAnAgent();
        int freshCount = 0;
        for (long i = sent; i < sent + perInterval; i++) {
          if (isSession(i, sessionRate, total)) {
            freshCount++;
          }
        }
        List<Client> fresh = scenario.newClients(freshCount, sessions);
        int[] next = {0};
        long first = sent;
        int[] counts = new int[3];
        FixedRate.run(
            due,
            perInterval,
            total,
            (i, dueNanos) -> {
              long index = first + i;
              if (isSession(index, sessionRate, total)) {
                scenario.sendFirstMessage(fresh.get(next[0]++), dueNanos);
                counts[0]++;
              } else if (!withAgent.isEmpty()) {
                scenario.sendFollowUp(
                    withAgent.get((int) (index % withAgent.size())), messages, dueNanos);
                counts[1]++;
              } else {
                counts[2]++;
              }
            });
        sent += perInterval;
        due += (long) (perInterval * TimeUnit.SECONDS.toNanos(1) / total);
        sentSessions += counts[0];
        sentMessages += counts[1];
        skippedMessages += counts[2];
        Sample sample =
            new Sample(
                (System.nanoTime() - began) / 60e9,
                ServiceMemory.rssKb(),
                sessions.completed.get(),
                messages.completed.get());
        samples.add(sample);
        say(
            "%.1f min: %d/%d sessions and %d/%d messages reached the agents, HTTP failures %d; %s",
            sample.minutes(),
            sample.sessions(),
            sentSessions,
            sample.messages(),
            sentMessages,
            sessions.failed.get() + messages.failed.get(),
            rssLine(sample.rssKb()));
      }
    } finally {
      Platform.stopIfRunning();
    }
    String report =
        markdown(
            samples,
            minutes,
            sampleSeconds,
            sessionRate,
            messageRate,
            sentSessions,
            sentMessages,
            skippedMessages,
            sessions,
            messages,
            loadBefore);
    Path directory = Platform.projectRoot().resolve("bench/results");
    Files.createDirectories(directory);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
    Path file = directory.resolve("soak-" + stamp + ".md");
    Files.writeString(file, report, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(report);
    System.out.println("written to " + file);
  }

  /** Whether request {@code i} of the merged schedule opens a session (spread evenly). */
  private static boolean isSession(long i, double sessionRate, double total) {
    return (long) Math.floor((i + 1) * sessionRate / total)
        > (long) Math.floor(i * sessionRate / total);
  }

  /** A few sessions per channel, so that routing knows the channels and agents get sessions. */
  private static void warmUp(MessagePathScenario scenario, int channels) {
    Step step = new Step("warm-up", 10, channels * 5, "warm-up");
    List<Client> clients = scenario.newClients(step.count, step);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    FixedRate.run(
        start, step.count, 10, (i, due) -> scenario.sendFirstMessage(clients.get(i), due));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    // Polled: the sessions are the platform's, nothing here can signal them.
    while (System.nanoTime() < deadline
        && clients.stream().anyMatch(c -> c.sessionId == null || c.agentToken == null)) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private static String markdown(
      List<Sample> samples,
      double minutes,
      int sampleSeconds,
      double sessionRate,
      double messageRate,
      int sentSessions,
      int sentMessages,
      int skippedMessages,
      Step sessions,
      Step messages,
      String loadBefore) {
    StringBuilder md = new StringBuilder();
    md.append("# Memory soak ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
        .append("\n\n")
        .append(Machine.describe(loadBefore))
        .append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Load: %.0f new sessions/s + %.0f messages/s through the gateway for %.1f min, RSS"
                + " sampled every %d s (VmRSS). Sent %d sessions (%d reached an agent's WebSocket,"
                + " p99 %.1f ms) and %d messages (%d delivered, p99 %.1f ms; %d not sent: no"
                + " session had an agent yet); HTTP failures %d.%n%n",
            sessionRate,
            messageRate,
            minutes,
            sampleSeconds,
            sentSessions,
            sessions.completed.get(),
            sessions.toFrame.millis(99),
            sentMessages,
            messages.completed.get(),
            messages.toFrame.millis(99),
            skippedMessages,
            sessions.failed.get() + messages.failed.get()));
    md.append(
        "| service | RSS start (MB) | max (MB) | end (MB) | slope, whole run (MB/min) |"
            + " slope, 2nd half (MB/min) |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (String module : samples.get(0).rssKb().keySet()) {
      List<double[]> points = new ArrayList<>();
      for (Sample sample : samples) {
        long kb = sample.rssKb().getOrDefault(module, -1L);
        if (kb >= 0) {
          points.add(new double[] {sample.minutes(), kb / 1024.0});
        }
      }
      if (points.isEmpty()) {
        md.append("| ").append(module).append(" | ? | ? | ? | ? | ? |\n");
        continue;
      }
      double max = points.stream().mapToDouble(p -> p[1]).max().orElse(0);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f | %.0f | %+.2f | %+.2f |%n",
              module,
              points.get(0)[1],
              max,
              points.get(points.size() - 1)[1],
              slope(points),
              slope(points.subList(points.size() / 2, points.size()))));
    }
    md.append("\nSamples (MB):\n\n| min |");
    samples.get(0).rssKb().keySet().forEach(m -> md.append(' ').append(m).append(" |"));
    md.append("\n|---:|");
    samples.get(0).rssKb().keySet().forEach(m -> md.append("---:|"));
    md.append('\n');
    for (Sample sample : samples) {
      md.append(String.format(Locale.ROOT, "| %.1f |", sample.minutes()));
      sample.rssKb().values().forEach(kb -> md.append(' ').append(kb / 1024).append(" |"));
      md.append('\n');
    }
    return md.toString();
  }

  /** Least-squares slope of y over x (MB per minute); 0 with fewer than two points. */
  static double slope(List<double[]> points) {
    int n = points.size();
    if (n < 2) {
      return 0;
    }
    double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double num = 0;
    double den = 0;
    for (double[] p : points) {
      num += (p[0] - mx) * (p[1] - my);
      den += (p[0] - mx) * (p[0] - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  private static String rssLine(Map<String, Long> rssKb) {
    Map<String, String> mb = new LinkedHashMap<>();
    rssKb.forEach((m, kb) -> mb.put(m.replace("-service", ""), kb < 0 ? "?" : kb / 1024 + ""));
    return "RSS MB " + mb;
  }

  private static final long STARTED = System.nanoTime();

  private static void say(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "[soak %6.1f s] %s%n",
        (System.nanoTime() - STARTED) / 1e9,
        String.format(Locale.ROOT, format, args));
  }
}
