package dev.switchboard.e2e.security;

import dev.switchboard.testkit.Infrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;

/**
 * A second, single-node KRaft broker that authenticates every client with SASL/SCRAM-SHA-512 and
 * authorizes with ACLs (StandardAuthorizer), started from the Kafka jars the scripts install in
 * {@code .switchboard/kafka/libs}, on free ports, with its data under {@code
 * e2e-tests/target/sasl-kafka}. Only {@code admin} is a super user; its credential is stored when
 * the storage is formatted, the others are set by {@code deploy/local/KafkaAcls.java}.
 *
 * <p>The controller listener stays PLAINTEXT on localhost (the broker talks to its own controller
 * through it, as User:ANONYMOUS, hence that super user); docs/kafka-security.md says how a cluster
 * protects it.
 */
final class SaslBroker implements AutoCloseable {

  static final String ADMIN = "admin";

  final Path root;
  final Path libs;
  final Path dir;
  final int port;
  final String adminPassword = secret();
  private Process process;

  private SaslBroker(Path root, Path dir, int port) {
    this.root = root;
    this.libs = root.resolve(".switchboard/kafka/libs");
    this.dir = dir;
    this.port = port;
  }

  static SaslBroker start(Path root) throws Exception {
    Path libs = root.resolve(".switchboard/kafka/libs");
    if (!Files.isDirectory(libs)) {
      throw new IllegalStateException(
          libs + " is missing: ./switchboard infra start installs Kafka's jars there");
    }
    Path dir = root.resolve("e2e-tests/target/sasl-kafka");
    deleteRecursively(dir);
    Files.createDirectories(dir.resolve("data"));
    SaslBroker broker = new SaslBroker(root, dir, freePort());
    Path config = dir.resolve("server.properties");
    Files.writeString(config, broker.serverProperties(freePort()));
    broker.run(
        "format",
        broker.java(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString(),
            "--add-scram",
            "SCRAM-SHA-512=[name=" + ADMIN + ",password=" + broker.adminPassword + "]"),
        Duration.ofSeconds(90));
    List<String> command = broker.java("kafka.Kafka", config.toString());
    command.add(1, "-Xmx256m");
    broker.process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("kafka.log").toFile())
            .start();
    broker.awaitListening(Duration.ofSeconds(60));
    return broker;
  }

  String bootstrap() {
    return "localhost:" + port;
  }

  /** A client's settings for this broker as {@code user}. */
  Map<String, Object> client(String user, String password) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap());
    config.put("security.protocol", "SASL_PLAINTEXT");
    config.putAll(Infrastructure.kafkaSasl("SCRAM-SHA-512", user, password));
    return config;
  }

  /** The admin's settings as a {@code --command-config} file for the tools of deploy/local. */
  Path adminCommandConfig() throws IOException {
    Path file = dir.resolve("admin.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            client(ADMIN, adminPassword).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList()));
    return file;
  }

  /** Runs {@code deploy/local/<tool>.java} with these arguments and fails unless it succeeds. */
  void runTool(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-cp");
    command.add(libs + "/*");
    command.add(root.resolve("deploy/local/" + tool + ".java").toString());
    command.addAll(List.of(args));
    run(tool, command, Duration.ofSeconds(90));
  }

  private void run(String name, List<String> command, Duration timeout) throws Exception {
    Path log = dir.resolve(name + ".log");
    Process tool =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!tool.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      tool.destroyForcibly();
      throw new IllegalStateException(name + " did not finish in " + timeout + "; see " + log);
    }
    if (tool.exitValue() != 0) {
      throw new IllegalStateException(
          name + " failed (exit " + tool.exitValue() + "):\n" + Files.readString(log));
    }
  }

  private List<String> java(String... mainAndArgs) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add(
        "-Dlog4j2.configurationFile=" + root.resolve("deploy/local/kafka/log4j2.xml").toString());
    command.add("-cp");
    command.add(libs + "/*");
    command.addAll(List.of(mainAndArgs));
    return command;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String serverProperties(int controllerPort) {
    String scram =
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + ADMIN
            + "\" password=\""
            + adminPassword
            + "\";";
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@localhost:" + controllerPort,
        "controller.listener.names=CONTROLLER",
        "listeners=SASL_PLAINTEXT://localhost:"
            + port
            + ",CONTROLLER://localhost:"
            + controllerPort,
        "advertised.listeners=SASL_PLAINTEXT://localhost:" + port,
        "inter.broker.listener.name=SASL_PLAINTEXT",
        "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
        "sasl.enabled.mechanisms=SCRAM-SHA-512",
        "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
        "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + scram,
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "super.users=User:" + ADMIN + ";User:ANONYMOUS",
        "allow.everyone.if.no.acl.found=false",
        "log.dirs=" + dir.resolve("data"),
        "auto.create.topics.enable=false",
        "num.partitions=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=3",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "num.network.threads=2",
        "num.io.threads=2",
        "log.cleaner.dedupe.buffer.size=16777216",
        "");
  }

  private void awaitListening(Duration timeout) {
    Awaitility.await("the SASL broker listening (log: " + dir.resolve("kafka.log") + ")")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "the SASL broker exited; see " + dir.resolve("kafka.log"));
              }
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 500);
                return true;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static String secret() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
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
}
