package dev.switchboard.routing;

import dev.switchboard.events.Topics;
import dev.switchboard.routing.messaging.CatchUp;
import dev.switchboard.routing.messaging.ConfigTopics;
import dev.switchboard.routing.messaging.ConsumerProgress;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The test instance reads session events and presence in a consumer group of its own, from the
 * moment it joins (application.properties, {@code %test}); a record published before that is not
 * its business. So the test application finishes starting only once its consumers have their
 * partitions and the configuration topics have been read, and a test can publish at once.
 */
@ApplicationScoped
public class ConsumersAssignedBeforeTests {

  private static final Logger LOG = Logger.getLogger(ConsumersAssignedBeforeTests.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Inject ConsumerProgress progress;
  @Inject ConfigTopics configTopics;
  @Inject CatchUp catchUp;

  /** Off where the start itself is measured (the benchmark of the configuration read). */
  @ConfigProperty(name = "switchboard.test.await-configuration", defaultValue = "true")
  boolean awaitConfiguration;

  void awaitPartitions(
      @Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent start)
      throws InterruptedException {
    long begin = System.nanoTime();
    boolean assigned =
        progress.awaitAssignment(
            Stream.concat(
                    Stream.of(Topics.SESSION_EVENTS, Topics.CRM_EVENTS),
                    configTopics.followed().stream())
                .toList(),
            begin + PATIENCE.toNanos());
    // Readiness is DOWN, and sessions wait, until the configuration has been read (CatchUp).
    boolean read = !awaitConfiguration || catchUp.awaitInitialRead(PATIENCE);
    LOG.infof(
        "Consumers %s, configuration %s after %d ms",
        assigned ? "assigned" : "still unassigned",
        read ? "read" : "still being read",
        Duration.ofNanos(System.nanoTime() - begin).toMillis());
  }
}
