package dev.switchboard.e2e.routing;

import dev.switchboard.e2e.Platform;
import dev.switchboard.e2e.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Packaged routing-service instances sharing one consumer group and one Redis key prefix of their
 * own, as a deployment with several replicas would; nothing else of the platform runs. Logs go to
 * {@code e2e-tests/target/e2e-logs/<name>-<n>.log}.
 */
final class RoutingInstances implements AutoCloseable {

  private final List<ServiceProcess> instances = new ArrayList<>();

  private RoutingInstances() {}

  /**
   * Starts {@code count} instances reading session events and presence in {@code groupId} and
   * keeping their state under {@code redisKeyPrefix}, and waits until all are ready.
   */
  static RoutingInstances start(String name, int count, String groupId, String redisKeyPrefix)
      throws IOException {
    Path root = Platform.projectRoot();
    Path logs = root.resolve("e2e-tests/target/e2e-logs");
    Files.createDirectories(logs);
    Map<String, String> environment = Platform.testEnvironment();
    environment.put("ROUTING_REDIS_KEY_PREFIX", redisKeyPrefix);
    List<String> options =
        List.of(
            "-Dmp.messaging.incoming.session-events.group.id=" + groupId,
            "-Dmp.messaging.incoming.presence.group.id=" + groupId,
            // The group's offsets are set by the test before the start (RoutingScenario), so
            // "earliest" only matters for a partition the test did not know.
            "-Dmp.messaging.incoming.session-events.auto.offset.reset=earliest",
            "-Dmp.messaging.incoming.presence.auto.offset.reset=earliest",
            // No session-service beside these instances: a state found missing is marked whole,
            // not rebuilt (StateRecovery).
            "-Dswitchboard.routing.recovery.enabled=false");
    RoutingInstances started = new RoutingInstances();
    try {
      for (int n = 1; n <= count; n++) {
        String instanceName = name + "-" + n;
        Files.deleteIfExists(logs.resolve(instanceName + ".log"));
        ServiceProcess instance =
            new ServiceProcess(
                "routing-service",
                instanceName,
                Platform.freePort(),
                root,
                logs,
                environment,
                options);
        started.instances.add(instance);
        instance.start();
      }
      for (ServiceProcess instance : started.instances) {
        instance.awaitReady(Duration.ofSeconds(120));
      }
    } catch (IOException | RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  ServiceProcess instance(int n) {
    return instances.get(n - 1);
  }

  @Override
  public void close() {
    for (ServiceProcess instance : instances) {
      try {
        instance.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
