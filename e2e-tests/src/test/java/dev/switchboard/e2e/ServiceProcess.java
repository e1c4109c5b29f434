package dev.switchboard.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service (its {@code quarkus-run.jar}) running as a separate process. */
public final class ServiceProcess {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String module;
  final int port;
  private final Path jar;
  private final Path log;
  private final Map<String, String> environment;
  private final List<String> jvmOptions;
  private final Path jvmOptionsFile;
  private Process process;

  /**
   * The services' JVM options, shared with {@code ./switchboard run} (a java {@code @argfile}: one
   * place for the memory budget of issue 11, each flag explained there).
   */
  public static final String JVM_OPTIONS_FILE = "deploy/service-jvm.options";

  ServiceProcess(String module, int port, Path root, Path logDir, Map<String, String> environment) {
    this(module, module, port, root, logDir, environment, List.of());
  }

  /**
   * One instance of {@code module} named {@code name} (its log is {@code <name>.log}), with extra
   * JVM options such as {@code -Dsome.property=value} that override its configuration.
   */
  public ServiceProcess(
      String module,
      String name,
      int port,
      Path root,
      Path logDir,
      Map<String, String> environment,
      List<String> jvmOptions) {
    this.module = module;
    this.port = port;
    this.jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    this.jvmOptionsFile = root.resolve(JVM_OPTIONS_FILE);
    this.log = logDir.resolve(name + ".log");
    this.environment = environment;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /** The file its standard output and error go to. */
  public Path log() {
    return log;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public void start() throws IOException {
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: build the services first (./mvnw verify builds them before this module)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    if (Files.isRegularFile(jvmOptionsFile)) {
      command.add("@" + jvmOptionsFile);
    } else {
      command.addAll(List.of("-Xmx160m", "-XX:+UseSerialGC"));
    }
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // glibc's malloc keeps up to 8 arenas per core, each growing on its own: capped as
    // ./switchboard run caps it (see deploy/service-jvm.options).
    builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    builder.environment().putAll(environment);
    builder.environment().put("HTTP_PORT", Integer.toString(port));
    process = builder.start();
  }

  /** Waits until {@code /q/health/ready} answers 200, or fails naming the log to read. */
  public void awaitReady(Duration timeout) {
    org.awaitility.Awaitility.await(module + " ready (log: " + log + ")")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited during start-up; see " + log);
              }
              return ready();
            });
  }

  private boolean ready() throws InterruptedException {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  /** A crash: the process is killed without a chance to finish anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  /** The operating system's id of the running process (e.g. to read its memory in /proc). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
