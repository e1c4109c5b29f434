package dev.switchboard.e2e.settings;

import static io.restassured.RestAssured.given;

import dev.switchboard.e2e.BenchmarkReport;
import dev.switchboard.e2e.Platform;
import dev.switchboard.e2e.ServiceProcess;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.TestTokens;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's benchmark, not a test: how long after an administrator's change is answered the change
 * is in effect in session-service. Run it with {@code ./switchboard bench settings}.
 *
 * <p>channel-config-service and session-service run packaged, on the real broker and database. An
 * administrator renames a channel (O1) with {@code PUT /api/v1/channels/{id}}; the figure is the
 * time from the 200 to the moment session-service's own copy of the channel (its {@code
 * session.channel_copy} row, which it uses for everything it does with the channel) holds the new
 * name, polled every millisecond. The path measured: channel-config's transactional outbox, the
 * compacted topic, session-service's consumer and its database write.
 *
 * <p>Knobs: {@code -Dbench.changes} (default 200); the database is the test database ({@code
 * PG_TEST_DATABASE}).
 */
class SettingsPropagationBenchmark {

  private static final String ADMIN = TestTokens.token("bench-admin", "admin");

  @Test
  void aChannelChangeReachesSessionService() throws Exception {
    int changes = Integer.getInteger("bench.changes", 200);
    Path root = Platform.projectRoot();
    Path logs = root.resolve("e2e-tests/target/e2e-logs");
    Files.createDirectories(logs);
    Map<String, String> environment = Platform.testEnvironment();
    String database = Infrastructure.pgTestDatabase();
    List<ServiceProcess> services = new ArrayList<>();
    try {
      ServiceProcess channelConfig =
          new ServiceProcess(
              "channel-config-service",
              "settings-benchmark-channel-config",
              Platform.freePort(),
              root,
              logs,
              environment,
              List.of());
      ServiceProcess sessions =
          new ServiceProcess(
              "session-service",
              "settings-benchmark-session",
              Platform.freePort(),
              root,
              logs,
              environment,
              List.of());
      services.add(channelConfig);
      services.add(sessions);
      for (ServiceProcess service : services) {
        service.start();
      }
      for (ServiceProcess service : services) {
        service.awaitReady(Duration.ofSeconds(120));
      }

      String channelId =
          given()
              .baseUri(channelConfig.baseUrl())
              .auth()
              .oauth2(ADMIN)
              .contentType(ContentType.JSON)
              .body(Map.of("name", "Benchmark " + UUID.randomUUID()))
              .post("/api/v1/channels")
              .then()
              .statusCode(201)
              .extract()
              .path("id");

      List<Long> micros = new ArrayList<>();
      try (Connection db = Platform.testDatabase()) {
        PreparedStatement copy =
            db.prepareStatement("SELECT name FROM session.channel_copy WHERE channel_id = ?");
        copy.setString(1, channelId);
        // Warm-up: the first changes wake up consumers and JITs; not counted.
        for (int n = -20; n < changes; n++) {
          String name = "Benchmark change " + n + " " + UUID.randomUUID();
          given()
              .baseUri(channelConfig.baseUrl())
              .auth()
              .oauth2(ADMIN)
              .contentType(ContentType.JSON)
              .body(Map.of("name", name))
              .put("/api/v1/channels/" + channelId)
              .then()
              .statusCode(200);
          long answered = System.nanoTime();
          long deadline = answered + TimeUnit.SECONDS.toNanos(30);
          while (!name.equals(nameIn(copy))) {
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException("session-service never saw change " + n);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
          }
          if (n >= 0) {
            micros.add((System.nanoTime() - answered) / 1_000);
          }
        }
      }

      List<Long> sorted = micros.stream().sorted().toList();
      String text =
          String.join(
                  System.lineSeparator(),
                  "Settings propagation benchmark, " + Instant.now(),
                  String.format(
                      Locale.ROOT,
                      "%d channel renames, PUT answered -> in session-service's copy: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d cores)",
                      sorted.size(),
                      percentile(sorted, 50) / 1000.0,
                      percentile(sorted, 99) / 1000.0,
                      sorted.get(sorted.size() - 1) / 1000.0,
                      Runtime.getRuntime().availableProcessors()))
              + System.lineSeparator();
      BenchmarkReport.publish("settings-propagation", text);
    } finally {
      for (ServiceProcess service : services) {
        service.stop();
      }
    }
  }

  private static String nameIn(PreparedStatement copy) throws Exception {
    try (ResultSet row = copy.executeQuery()) {
      return row.next() ? row.getString(1) : null;
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
