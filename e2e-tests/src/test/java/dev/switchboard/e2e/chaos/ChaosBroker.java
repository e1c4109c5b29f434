package dev.switchboard.e2e.chaos;

import dev.switchboard.e2e.Platform;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker of the chaos run only, which it may kill: the broker of {@code ./switchboard infra
 * start} is shared by every other test. Started as the script starts its own (the jars of {@code
 * .switchboard/kafka/libs}, {@code deploy/local/kafka/server.properties.template}, a KRaft storage
 * formatted once, the topics of {@code deploy/local/topics.conf} created by {@code
 * CreateTopics.java}), on free ports, its data under {@code e2e-tests/target/chaos/kafka}.
 */
final class ChaosBroker implements AutoCloseable {

  private final Path root = Platform.projectRoot();
  private final Path libs = root.resolve(".switchboard/kafka/libs");
  private final Path dir;
  private final Path config;
  private final Path log;
  private final int port;
  private Process process;

  private ChaosBroker(Path dir) throws IOException {
    this.dir = dir;
    this.config = dir.resolve("server.properties");
    this.log = dir.resolve("kafka.log");
    this.port = Platform.freePort();
  }

  /** Formats a fresh storage under {@code dir}, starts the broker and creates the topics. */
  static ChaosBroker start(Path dir) throws Exception {
    ChaosBroker broker = new ChaosBroker(dir);
    broker.format();
    broker.launch();
    broker.awaitListening(Duration.ofSeconds(90));
    broker.createTopics();
    return broker;
  }

  String bootstrapServers() {
    return "localhost:" + port;
  }

  /** {@code kill -9}: the broker gets no chance to flush or hand anything over. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Starts the broker again on its data and waits until it listens. */
  void restart() throws Exception {
    launch();
    awaitListening(Duration.ofSeconds(120));
  }

  private void format() throws Exception {
    if (!Files.isDirectory(libs)) {
      throw new IllegalStateException(
          libs + " is missing: run `./switchboard infra start` once (it fetches the Kafka jars)");
    }
    deleteRecursively(dir);
    Files.createDirectories(dir.resolve("data"));
    int controllerPort = Platform.freePort();
    String template =
        Files.readString(root.resolve("deploy/local/kafka/server.properties.template"));
    Files.writeString(
        config,
        template
            .replace("@HOST@", "localhost")
            .replace("@PORT@", Integer.toString(port))
            .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
            .replace("@DATA_DIR@", dir.resolve("data").toString()));
    run(
        List.of(
            "-Xmx128m",
            "-cp",
            libs + "/*",
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString()),
        "formatting the chaos broker's storage");
  }

  private void createTopics() throws Exception {
    run(
        List.of(
            "-cp",
            libs + "/*",
            root.resolve("deploy/local/CreateTopics.java").toString(),
            "--bootstrap",
            bootstrapServers(),
            "--file",
            root.resolve("deploy/local/topics.conf").toString(),
            "--timeout",
            "60"),
        "creating the topics on the chaos broker");
  }

  private void launch() throws IOException {
    process =
        new ProcessBuilder(
                java(
                    List.of(
                        "-Xms128m",
                        "-Xmx384m",
                        "-XX:+UseG1GC",
                        "-Djava.awt.headless=true",
                        "-Dlog4j2.configurationFile="
                            + root.resolve("deploy/local/kafka/log4j2.xml"),
                        "-cp",
                        libs + "/*",
                        "kafka.Kafka",
                        config.toString())))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  private void awaitListening(Duration timeout) {
    org.awaitility.Awaitility.await("the chaos broker listens (log: " + log + ")")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("the chaos broker exited; see " + log);
              }
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 500);
                return true;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  private void run(List<String> arguments, String what) throws Exception {
    Process tool =
        new ProcessBuilder(java(arguments))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!tool.waitFor(120, TimeUnit.SECONDS) || tool.exitValue() != 0) {
      tool.destroyForcibly();
      throw new IllegalStateException(what + " failed; see " + log);
    }
  }

  private static List<String> java(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(arguments);
    return command;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
