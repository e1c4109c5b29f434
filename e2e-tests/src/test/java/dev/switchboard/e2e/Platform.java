package dev.switchboard.e2e;

import dev.switchboard.events.Topics;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform for end-to-end tests: the six packaged services as separate processes on free
 * ports, configured like {@code ./switchboard run} but on the test database, trusting {@link
 * TestTokens}, delivering to a {@link TelegramStub}. Started once for all test classes
 * ({@code @ExtendWith(Platform.class)}), stopped when the test run ends.
 */
public final class Platform implements BeforeAllCallback {

  public static final List<String> MODULES =
      List.of(
          "channel-config-service",
          "routing-service",
          "session-service",
          "kpi-service",
          "crm-bridge-service",
          "connector-gateway");

  /**
   * How long a started service may take to be ready: 120 s, or {@code -De2e.ready-timeout=<s>} on a
   * machine so loaded that six JVMs starting at once need longer.
   */
  private static final Duration READY_TIMEOUT =
      Duration.ofSeconds(Long.getLong("e2e.ready-timeout", 120));

  private static Running running;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (Platform.class) {
      if (running == null) {
        start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Platform.class, running);
      }
    }
  }

  /**
   * Starts the platform unless it runs, for a caller outside JUnit's extension model (the
   * benchmarks of {@code bench/}); {@link #stopIfRunning()} stops it.
   */
  public static void start() throws IOException {
    synchronized (Platform.class) {
      if (running == null) {
        running = new Running();
      }
    }
  }

  /**
   * Stops the platform if it runs (a later test class that needs it starts it again). For tests
   * that start services of their own: the platform's routing-service would otherwise also route
   * their sessions (the topics are shared, every routing-service knows every channel).
   */
  public static void stopIfRunning() {
    synchronized (Platform.class) {
      if (running != null) {
        running.close();
        running = null;
      }
    }
  }

  public static ServiceProcess service(String module) {
    return running.services.get(module);
  }

  /** The running services by module, in start order. */
  public static Map<String, ServiceProcess> services() {
    return java.util.Collections.unmodifiableMap(running.services);
  }

  /**
   * Starts one more instance of {@code module} beside the platform's, as a deployment with replicas
   * runs it: same environment, database, Redis prefix and consumer groups, a port of its own, its
   * log in {@code <name>.log}. The caller stops it.
   */
  public static ServiceProcess startAnother(String module, String name) throws IOException {
    ServiceProcess another;
    synchronized (Platform.class) {
      Path logs = projectRoot().resolve("e2e-tests/target/e2e-logs");
      Files.deleteIfExists(logs.resolve(name + ".log"));
      another =
          new ServiceProcess(
              module,
              name,
              freePort(),
              projectRoot(),
              logs,
              running.environment,
              running.options.getOrDefault(module, List.of()));
    }
    another.start();
    another.awaitReady(READY_TIMEOUT);
    return another;
  }

  public static String gateway() {
    return service("connector-gateway").baseUrl();
  }

  public static TelegramStub telegram() {
    return running.telegram;
  }

  static final class Running implements ExtensionContext.Store.CloseableResource {
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    final TelegramStub telegram;
    final Map<String, String> environment;
    final Map<String, List<String>> options;

    /**
     * Routing's state of this run only: runs share one Redis, and a run's routing-service would
     * otherwise serve the lines an earlier run left waiting (thousands after GracefulStopIT) before
     * anything of its own. Removed when the run ends.
     */
    final String routingKeyPrefix =
        "sb:routing:e2e-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ":";

    Running() throws IOException {
      Infrastructure.requireReachable();
      Path root = projectRoot();
      Path logs = root.resolve("e2e-tests/target/e2e-logs");
      Files.createDirectories(logs);
      telegram = new TelegramStub();

      Map<String, Integer> ports = new HashMap<>();
      for (String module : MODULES) {
        ports.put(module, freePort());
      }
      environment = testEnvironment();
      environment.put("TELEGRAM_API_BASE_URL", telegram.baseUrl());
      environment.put("PUBLIC_BASE_URL", "http://localhost:" + ports.get("connector-gateway"));
      environment.put(
          "CHANNEL_CONFIG_URL", "http://localhost:" + ports.get("channel-config-service"));
      environment.put("SESSION_SERVICE_URL", "http://localhost:" + ports.get("session-service"));
      environment.put("ROUTING_SERVICE_URL", "http://localhost:" + ports.get("routing-service"));
      environment.put("ROUTING_REDIS_KEY_PREFIX", routingKeyPrefix);

      options = consumerGroupsOfThisRun();
      for (String module : MODULES) {
        // One log per service and test run; a restart within the run appends to it.
        Files.deleteIfExists(logs.resolve(module + ".log"));
        services.put(
            module,
            new ServiceProcess(
                module,
                module,
                ports.get(module),
                root,
                logs,
                environment,
                withRecording(options.getOrDefault(module, List.of()), logs, module)));
      }
      try {
        for (ServiceProcess service : services.values()) {
          service.start();
        }
        for (ServiceProcess service : services.values()) {
          service.awaitReady(READY_TIMEOUT);
        }
      } catch (RuntimeException | IOException e) {
        close();
        throw e;
      }
    }

    private boolean closed;

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      for (ServiceProcess service : services.values()) {
        try {
          service.stop();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      telegram.close();
      RedisKeys.deleteUnder(routingKeyPrefix);
    }
  }

  /**
   * With {@code -Dbench.jfr=true} (benchmarks), each service also writes a Java Flight Recording,
   * {@code <module>.jfr} beside its log, for {@code jfr print} to read after the run.
   */
  private static List<String> withRecording(List<String> options, Path logs, String module) {
    if (!Boolean.getBoolean("bench.jfr")) {
      return options;
    }
    List<String> recorded = new java.util.ArrayList<>(options);
    recorded.add(
        "-XX:StartFlightRecording=settings=profile,filename=" + logs.resolve(module + ".jfr"));
    return recorded;
  }

  /**
   * Consumer groups of this run for the services that share one group across instances (see {@link
   * ConsumerGroups}), as JVM options per module.
   */
  private static Map<String, List<String>> consumerGroupsOfThisRun() {
    String run = "-e2e-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String routing = "routing-service" + run;
    ConsumerGroups.startAtEnd(routing, Topics.SESSION_EVENTS, Topics.PRESENCE, Topics.CRM_EVENTS);
    ConsumerGroups.startAtEnd("session-service-inbound" + run, Topics.INBOUND_MESSAGES);
    ConsumerGroups.startAtEnd("session-service-routing" + run, Topics.ROUTING_EVENTS);
    ConsumerGroups.startAtEnd("connector-gateway-delivery" + run, Topics.OUTBOUND_MESSAGES);
    return Map.of(
        "routing-service",
        List.of(
            "-Dmp.messaging.incoming.session-events.group.id=" + routing,
            "-Dmp.messaging.incoming.presence.group.id=" + routing,
            "-Dmp.messaging.incoming.crm-events.group.id=" + routing),
        "session-service",
        List.of(
            "-Dmp.messaging.incoming.inbound.group.id=session-service-inbound" + run,
            "-Dmp.messaging.incoming.routing.group.id=session-service-routing" + run),
        "connector-gateway",
        List.of(
            "-Dmp.messaging.incoming.outbound-messages.group.id=connector-gateway-delivery" + run));
  }

  /**
   * What every service started by these tests is given: the test database, trust in {@link
   * TestTokens}, the test connector-secrets key and its id, and a free management port (the
   * gateway's metrics; several gateways may run at once).
   */
  public static Map<String, String> testEnvironment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("PG_DATABASE", Infrastructure.pgTestDatabase());
    environment.put("OIDC_PUBLIC_KEY", TestTokens.publicKeyBase64());
    environment.put("OIDC_ISSUER", TestTokens.ISSUER);
    environment.put("OIDC_AUDIENCE", TestTokens.AUDIENCE);
    environment.put("OIDC_ROLES_CLAIM", "groups");
    environment.put("CONNECTOR_SECRETS_KEY", TestTokens.connectorSecretsKeyBase64());
    environment.put("CONNECTOR_SECRETS_KEY_ID", TestTokens.connectorSecretsKeyId());
    environment.put("MANAGEMENT_PORT", "0");
    // routing-service's own token, to read session-service's open sessions when it rebuilds its
    // state (role routing-service); an hour, longer than any run.
    environment.put(
        "ROUTING_SERVICE_TOKEN", TestTokens.token("routing-service", "routing-service"));
    return environment;
  }

  /** A JDBC connection to the test database, where the services started here keep their data. */
  public static java.sql.Connection testDatabase() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection(
        "jdbc:postgresql://"
            + Infrastructure.pgHost()
            + ":"
            + Infrastructure.pgPort()
            + "/"
            + Infrastructure.pgTestDatabase(),
        Infrastructure.pgUser(),
        Infrastructure.pgPassword());
  }

  public static Path projectRoot() {
    return Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
