package dev.switchboard.session;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * The test database is shared with the other services' tests: this run's service names its
 * connections ({@code application_name}, in {@code pg_stat_activity}) so that a test can cut its
 * connections, and only its own.
 */
public class OwnDatabaseConnections implements QuarkusTestResourceLifecycleManager {

  /** The {@code application_name} of this run's reactive connections. */
  public static final String APPLICATION_NAME =
      "session-service-test-" + UUID.randomUUID().toString().substring(0, 8);

  @Override
  public Map<String, String> start() {
    return Map.of(
        "quarkus.datasource.reactive.additional-properties.application_name", APPLICATION_NAME);
  }

  @Override
  public void stop() {
    // Nothing to undo: the connections close with the service.
  }
}
