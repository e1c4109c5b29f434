package dev.switchboard.routing;

import dev.switchboard.events.Topics;
import dev.switchboard.routing.messaging.ConsumerProgress;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The test instance reads session events and presence in a consumer group of its own, from the
 * moment it joins (application.properties, {@code %test}); a record published before that is not
 * its business. So the test application finishes starting only once its consumers have their
 * partitions, and a test can publish at once.
 */
@ApplicationScoped
public class ConsumersAssignedBeforeTests {

  private static final Logger LOG = Logger.getLogger(ConsumersAssignedBeforeTests.class);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Inject ConsumerProgress progress;

  void awaitPartitions(
      @Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent start)
      throws InterruptedException {
    long begin = System.nanoTime();
    boolean assigned =
        progress.awaitAssignment(
            List.of(
                Topics.SESSION_EVENTS,
                Topics.PRESENCE,
                Topics.CRM_EVENTS,
                Topics.CONFIG_CHANNELS,
                Topics.CONFIG_AGENTS),
            begin + PATIENCE.toNanos());
    LOG.infof(
        "Consumers %s after %d ms",
        assigned ? "assigned" : "still unassigned",
        Duration.ofNanos(System.nanoTime() - begin).toMillis());
  }
}
