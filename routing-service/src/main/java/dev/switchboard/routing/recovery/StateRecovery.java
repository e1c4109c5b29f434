package dev.switchboard.routing.recovery;

import dev.switchboard.routing.distribution.domain.Distributor;
import dev.switchboard.routing.distribution.store.RoutingStateMarker;
import dev.switchboard.routing.messaging.CatchUp;
import dev.switchboard.routing.recovery.client.SessionServiceSessions;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Redis is routing's system of record for live state (waiting lines, assignments, load, offers,
 * timers), and a failover to an empty replica or a flush empties it: the sessions waiting then are
 * never offered again, and agents look free while they hold sessions. This finds such a loss (the
 * marker of {@link RoutingStateMarker} is gone) at the start and every {@code check-every}, and
 * rebuilds the state from session-service's truth, its open sessions: the waiting ones queued again
 * in the order they were opened, the assigned ones counted toward their agent's load. One instance
 * rebuilds (a claim with an expiry); until the marker is back, no instance handles a session event
 * or a presence change, and no timer decides: nothing is decided on half-built state. Presence is
 * not in session-service: the gateway announces it again (connector-gateway's presence
 * re-announcement), and agents who come online are announced as always.
 *
 * <p>Not rebuilt: open offers (their sessions wait again and are offered anew), the Q7 exclusions
 * (answered, awaiting the client), rating waits and passes. See the README, "Redis: routing's
 * system of record".
 */
@ApplicationScoped
public class StateRecovery {

  private static final Logger LOG = Logger.getLogger(StateRecovery.class);

  @Inject RoutingStateMarker marker;
  @Inject SessionServiceSessions sessions;
  @Inject Distributor distributor;
  @Inject CatchUp catchUp;
  @Inject Clock clock;

  @ConfigProperty(name = "switchboard.routing.recovery.enabled", defaultValue = "true")
  boolean enabled;

  @ConfigProperty(name = "switchboard.routing.recovery.claim-for", defaultValue = "5m")
  Duration claimFor;

  private final String instance = UUID.randomUUID().toString();
  private final Object change = new Object();
  private volatile boolean intact;

  void onStart(@Observes StartupEvent start) {
    try {
      intact = marker.present();
    } catch (RuntimeException e) {
      LOG.warnf("Could not read routing's state marker at the start: %s", e.getMessage());
    }
  }

  /** Whether the state in Redis is whole (the last check found the marker, or rebuilt it). */
  public boolean intact() {
    return intact;
  }

  /**
   * Blocks a consumer's worker thread until the state is whole. Gives up with an exception once
   * {@code stopping}, so that the record is left for the next start instead of holding the stop up.
   */
  public void awaitIntact(BooleanSupplier stopping) {
    if (intact) {
      return; // the usual case, without taking the monitor on every record
    }
    synchronized (change) {
      while (!intact) {
        if (stopping.getAsBoolean()) {
          throw new IllegalStateException("Stopping while routing's state was being rebuilt");
        }
        try {
          change.wait(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while routing's state was being rebuilt", e);
        }
      }
    }
  }

  @Scheduled(
      every = "${switchboard.routing.recovery.check-every:2s}",
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void check() {
    try {
      if (marker.present()) {
        becomeIntact(true);
        return;
      }
      if (intact) {
        LOG.warn("Routing's state in Redis is gone (a failover or a flush): rebuilding it");
      }
      becomeIntact(false);
      if (!enabled) {
        marker.mark(clock.instant());
        becomeIntact(true);
        return;
      }
      if (marker.claimRebuild(instance, claimFor)) {
        rebuild();
      }
    } catch (RuntimeException e) {
      LOG.warnf("Could not check routing's state in Redis: %s", e.getMessage());
    }
  }

  private void rebuild() {
    try {
      Map<String, Integer> outcomes = new TreeMap<>();
      sessions.forEachOpen(session -> outcomes.merge(marker.restore(session), 1, Integer::sum));
      marker.mark(clock.instant());
      LOG.infof("Routing's state rebuilt from session-service's open sessions: %s", outcomes);
    } catch (Exception e) {
      LOG.warnf(
          "Routing's state could not be rebuilt yet (tried again in a moment): %s: %s",
          e.getClass().getSimpleName(), e.getMessage());
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return;
    } finally {
      marker.releaseRebuild(instance);
    }
    becomeIntact(true);
    if (catchUp.initialReadDone()) {
      // The waiting sessions put back, to the agents online now.
      distributor.serveAllWaitingLines();
    }
  }

  private void becomeIntact(boolean now) {
    synchronized (change) {
      intact = now;
      change.notifyAll();
    }
  }
}
