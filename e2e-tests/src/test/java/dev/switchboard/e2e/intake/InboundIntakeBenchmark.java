package dev.switchboard.e2e.intake;

import dev.switchboard.e2e.BenchmarkReport;
import dev.switchboard.e2e.Platform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's intake benchmark, not a test: how fast session-service turns a backlog on {@code
 * oc.inbound.messages.v1} into stored sessions and messages with their events published. Run it
 * with {@code ./switchboard bench intake}.
 *
 * <p>channel-config-service and session-service run packaged on the real broker and database (see
 * {@link IntakeRig}). A burst of first messages of new clients is published at once (the producer's
 * own pace, far above the service's); the figures are the time from the first record published to
 * (a) the last message stored and (b) the outbox empty, i.e. every {@code SessionOpened}/{@code
 * SessionQueued}/{@code ClientMessageReceived} on Kafka. Then the same for further messages into
 * the sessions just opened.
 *
 * <p>Knobs: {@code -Dbench.intake.sessions} (default 10000), {@code -Dbench.intake.messages}
 * (default 10000).
 */
class InboundIntakeBenchmark {

  @Test
  void aBacklogOfInboundMessagesIsStoredAndAnnounced() throws Exception {
    int sessions = Integer.getInteger("bench.intake.sessions", 10_000);
    int messages = Integer.getInteger("bench.intake.messages", 10_000);
    StringBuilder text = new StringBuilder();
    text.append("Inbound intake benchmark, ")
        .append(Instant.now())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores")
        .append(System.lineSeparator());
    Platform.stopIfRunning();
    try (IntakeRig rig = new IntakeRig("intake-benchmark")) {
      long firstChat = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
      // Warm-up: JIT, pools and the consumer's first fetches; not counted.
      int warmUp = 500;
      for (int i = 0; i < warmUp; i++) {
        rig.publish(rig.message(firstChat - 1 - i, 1));
      }
      rig.flush();
      awaitStoredAndPublished(rig, warmUp);

      CpuTime cpu = CpuTime.of(rig);
      long start = System.nanoTime();
      for (int i = 0; i < sessions; i++) {
        rig.publish(rig.message(firstChat + i, 1));
      }
      rig.flush();
      text.append(figures("new sessions", sessions, start, cpu, rig, warmUp + sessions));

      int chats = Math.min(sessions, Math.max(1, messages / 5));
      cpu = CpuTime.of(rig);
      start = System.nanoTime();
      int sent = 0;
      for (int n = 2; sent < messages; n++) {
        for (int i = 0; i < chats && sent < messages; i++, sent++) {
          rig.publish(rig.message(firstChat + i, n));
        }
      }
      rig.flush();
      text.append(
          figures(
              "messages into open sessions",
              messages,
              start,
              cpu,
              rig,
              warmUp + sessions + messages));
    }
    BenchmarkReport.publish("inbound-intake", text.toString());
  }

  private static String figures(
      String what, int count, long start, CpuTime cpuAtStart, IntakeRig rig, long total)
      throws SQLException {
    long stored = awaitStored(rig, total);
    long published = awaitPublished(rig);
    CpuTime cpu = CpuTime.of(rig).minus(cpuAtStart);
    double storedSeconds = (stored - start) / 1e9;
    double publishedSeconds = (published - start) / 1e9;
    return String.format(
        Locale.ROOT,
        "%,d %s: stored in %.2f s (%,.0f/s), with their events on Kafka in %.2f s (%,.0f/s);"
            + " CPU per message: session-service %.2f ms, PostgreSQL %.2f ms%n",
        count,
        what,
        storedSeconds,
        count / storedSeconds,
        publishedSeconds,
        count / publishedSeconds,
        cpu.sessionServiceMillis() / count,
        cpu.postgresMillis() / count);
  }

  /**
   * CPU time used so far by session-service and by every PostgreSQL process of the machine (from
   * /proc, in clock ticks of 10 ms): what a message costs, whatever else the machine is doing.
   * PostgreSQL's share includes what other clients of the server did meanwhile.
   */
  record CpuTime(double sessionServiceMillis, double postgresMillis) {

    static CpuTime of(IntakeRig rig) {
      double postgres = 0;
      File[] processes = new File("/proc").listFiles((dir, name) -> name.matches("\\d+"));
      for (File process : processes == null ? new File[0] : processes) {
        try {
          if ("postgres".equals(Files.readString(process.toPath().resolve("comm")).trim())) {
            postgres += millis(process.toPath());
          }
        } catch (IOException | RuntimeException vanished) {
          // A backend that ended meanwhile.
        }
      }
      try {
        return new CpuTime(millis(Path.of("/proc", Long.toString(rig.sessions.pid()))), postgres);
      } catch (IOException e) {
        return new CpuTime(Double.NaN, postgres);
      }
    }

    private static double millis(Path process) throws IOException {
      String stat = Files.readString(process.resolve("stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15 of stat, i.e. 12 and 13 after "pid (comm) ".
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    CpuTime minus(CpuTime before) {
      return new CpuTime(
          sessionServiceMillis - before.sessionServiceMillis,
          postgresMillis - before.postgresMillis);
    }
  }

  private static void awaitStoredAndPublished(IntakeRig rig, long total) throws SQLException {
    awaitStored(rig, total);
    awaitPublished(rig);
  }

  private static long awaitStored(IntakeRig rig, long total) throws SQLException {
    return awaitUntil(() -> rig.stored() >= total, () -> "only " + rig.stored() + " of " + total);
  }

  private static long awaitPublished(IntakeRig rig) throws SQLException {
    return awaitUntil(() -> rig.unpublished() == 0, () -> rig.unpublished() + " unpublished");
  }

  interface Check {
    boolean done() throws SQLException;
  }

  interface Detail {
    String text() throws SQLException;
  }

  /**
   * The moment {@code check} holds, polled every 5 ms (a figure, so no coarser poll); at most 10
   * minutes.
   */
  private static long awaitUntil(Check check, Detail failure) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!check.done()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Not within 10 minutes: " + failure.text());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return System.nanoTime();
  }
}
