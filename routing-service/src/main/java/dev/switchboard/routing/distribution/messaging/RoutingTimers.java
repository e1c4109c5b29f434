package dev.switchboard.routing.distribution.messaging;

import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.distribution.store.AnnouncementOutbox;
import dev.switchboard.routing.messaging.CatchUp;
import dev.switchboard.routing.recovery.StateRecovery;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The safety nets: decisions recorded but never confirmed as published are published again; the
 * waiting lines are served now and then, for what no event announces (an absence that ends).
 */
@ApplicationScoped
public class RoutingTimers {

  private static final Logger LOG = Logger.getLogger(RoutingTimers.class);
  private static final int BATCH = 100;

  @Inject AnnouncementOutbox outbox;
  @Inject KafkaAnnouncer announcer;
  @Inject Distributor distributor;
  @Inject Clock clock;
  @Inject CatchUp catchUp;
  @Inject StateRecovery recovery;

  @ConfigProperty(name = "switchboard.routing.outbox.republish-after", defaultValue = "10s")
  Duration republishAfter;

  @Scheduled(
      every = "${switchboard.routing.outbox.check-every:5s}",
      // Not before the application (and its Kafka producer) has started.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void republishUnconfirmedDecisions() {
    for (RoutingEvent event :
        outbox.unconfirmedSince(clock.instant().minus(republishAfter), BATCH)) {
      LOG.infof("Publishing %s of session %s again", event.id(), event.sessionId());
      announcer.announce(event);
    }
  }

  /**
   * The durable pass-to-next timer (Q3, Q5): the deadlines are in Redis ({@code offers:due}), each
   * expiry is claimed by one atomic script, so whichever instance polls first expires an offer,
   * once, also after a restart.
   */
  @Scheduled(
      every = "${switchboard.routing.offers.check-every:1s}",
      // Not before the application (and its Kafka producer) has started.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void expireDueOffers() {
    if (!recovery.intact()) {
      return;
    }
    try {
      distributor.offers().expireDueOffers();
    } catch (RuntimeException e) {
      LOG.warnf("Could not expire the due offers: %s", e.getMessage());
    }
  }

  /**
   * Q7c: frees the places of closed sessions whose rating wait is over (deadlines in Redis, {@code
   * rating:due}); releasing is atomic and idempotent, so two instances polling at once free a place
   * once.
   */
  @Scheduled(
      every = "${switchboard.routing.offers.check-every:1s}",
      // Not before the application (and its Kafka producer) has started.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void releaseDueRatings() {
    if (!recovery.intact()) {
      return;
    }
    try {
      distributor.releaseDueRatings();
    } catch (RuntimeException e) {
      LOG.warnf(
          "Could not release the closed sessions whose rating wait is over: %s", e.getMessage());
    }
  }

  @Scheduled(
      every = "${switchboard.routing.waiting.serve-every:30s}",
      delayed = "${switchboard.routing.waiting.serve-every:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void serveWaitingLines() {
    if (!catchUp.initialReadDone() || !recovery.intact()) {
      // Served once when the configuration has been read (ConfigConsumer).
      return;
    }
    try {
      distributor.serveAllWaitingLines();
    } catch (RuntimeException e) {
      LOG.warnf("Could not serve the waiting lines: %s", e.getMessage());
    }
  }
}
