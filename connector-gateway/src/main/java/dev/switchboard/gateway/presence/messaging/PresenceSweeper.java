package dev.switchboard.gateway.presence.messaging;

import dev.switchboard.gateway.presence.store.PresenceStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps presence right when a gateway instance dies (kill -9, OOM, a lost node) without closing its
 * agents' sockets. Every instance holds a lease in Redis ({@code
 * switchboard.presence.instance-lease}, renewed every {@code instance-lease-renewal}) and, every
 * {@code sweep-interval}:
 *
 * <ul>
 *   <li>removes the sockets of the instances whose lease ended; an agent left without a socket goes
 *       the way of a last close: {@code WEBSOCKET_DISCONNECTED}, then the grace period;
 *   <li>ends the grace periods that are due, whichever instance started them ({@code
 *       GRACE_EXPIRED}), including those whose publish failed before.
 * </ul>
 *
 * Both steps are single Lua scripts ({@link PresenceStore}), so any number of instances sweep at
 * once and each change is published by one of them.
 */
@ApplicationScoped
public class PresenceSweeper {

  private static final Logger LOG = Logger.getLogger(PresenceSweeper.class);

  @Inject SocketPresence presence;
  @Inject PresenceStore store;
  @Inject Clock clock;

  @ConfigProperty(name = "switchboard.presence.instance-lease")
  Duration lease;

  /** Set on shutdown: Redis is closing; other instances sweep whatever this one leaves behind. */
  private volatile boolean stopping;

  /** The lease is held before the instance takes its first socket. */
  void onStart(@Observes StartupEvent start) {
    renewLease().await().atMost(Duration.ofSeconds(30));
  }

  void onStop(@Observes ShutdownEvent stop) {
    stopping = true;
  }

  /** Renews this instance's lease; when it had lapsed, registers the sockets open here again. */
  @Scheduled(
      every = "${switchboard.presence.instance-lease-renewal}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public Uni<Void> renewLease() {
    if (stopping) {
      return Uni.createFrom().voidItem();
    }
    Instant now = clock.instant();
    return store
        .holdLease(presence.instanceId(), now, now.plus(lease))
        .flatMap(
            held -> {
              if (held) {
                return Uni.createFrom().voidItem();
              }
              LOG.debugf("Lease of instance %s held again", presence.instanceId());
              return presence.registerAgain();
            })
        .onFailure()
        .invoke(
            failure -> LOG.warnf("The instance lease was not renewed: %s", failure.getMessage()))
        .onFailure()
        .recoverWithNull();
  }

  /** Sweeps the dead instances' sockets, then ends the grace periods that are due. */
  @Scheduled(
      every = "${switchboard.presence.sweep-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public Uni<Void> sweep() {
    if (stopping) {
      return Uni.createFrom().voidItem();
    }
    return store
        .sweepDeadInstances(presence.instanceId(), UUID.randomUUID().toString(), clock.instant())
        .flatMap(lost -> presence.lostWithTheirInstance(lost))
        .onFailure()
        .invoke(failure -> LOG.warnf("Dead instances not swept: %s", failure.getMessage()))
        .onFailure()
        .recoverWithNull()
        .chain(() -> presence.endGraces())
        .onFailure()
        .invoke(failure -> LOG.warnf("Grace periods not ended: %s", failure.getMessage()))
        .onFailure()
        .recoverWithNull();
  }
}
