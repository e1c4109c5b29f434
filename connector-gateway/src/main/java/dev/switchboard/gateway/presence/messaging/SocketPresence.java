package dev.switchboard.gateway.presence.messaging;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.presence.AgentPresenceChanged;
import dev.switchboard.gateway.kafka.EventPublisher;
import dev.switchboard.gateway.presence.domain.PresenceRules;
import dev.switchboard.gateway.presence.domain.PresenceRules.Change;
import dev.switchboard.gateway.presence.store.PresenceStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Presence from the agents' WebSockets (Q6, issue 5 "Availability"): the agent's first socket
 * (across every instance) publishes {@code WEBSOCKET_CONNECTED}, the last one's close {@code
 * WEBSOCKET_DISCONNECTED}, and a grace period ({@code switchboard.agent-push.presence-grace})
 * without a reconnect {@code OFFLINE} with {@code GRACE_EXPIRED}; what is published follows {@link
 * PresenceRules}. The socket count lives in Redis ({@link PresenceStore}); the grace timer runs on
 * the instance where the last socket closed.
 *
 * <p>TODO(presence): a sweeper for an instance that dies holding an agent's last sockets, or during
 * a grace period: today no {@code GRACE_EXPIRED} is published then, and routing keeps the agent
 * ONLINE until their next change (README, "Presence from the WebSocket").
 */
@ApplicationScoped
public class SocketPresence {

  private static final Logger LOG = Logger.getLogger(SocketPresence.class);

  /** This instance, in the ids of its sockets in Redis. */
  private final String instanceId = UUID.randomUUID().toString();

  /** The sockets open on this instance, by agent, whose leases it renews. */
  private final Map<String, Set<String>> local = new ConcurrentHashMap<>();

  /**
   * The registration of each socket open here, so that its close is counted only after its opening,
   * even when the socket closes at once.
   */
  private final Map<String, Uni<Void>> openings = new ConcurrentHashMap<>();

  @Inject PresenceStore store;
  @Inject EventPublisher events;
  @Inject Clock clock;
  @Inject Vertx vertx;

  @ConfigProperty(name = "switchboard.agent-push.presence-grace")
  Duration grace;

  /** A socket of the agent opened on this instance. */
  public Uni<Void> opened(String agentId, String connectionId) {
    String socket = socket(connectionId);
    local.computeIfAbsent(agentId, id -> ConcurrentHashMap.newKeySet()).add(socket);
    Uni<Void> opening =
        Uni.createFrom()
            .deferred(
                () -> {
                  Instant now = clock.instant();
                  return store
                      .opened(agentId, socket, now)
                      .flatMap(
                          sockets ->
                              sockets.open() == 1
                                  ? publish(
                                      agentId,
                                      PresenceRules.firstSocketOpened(sockets.explicit()),
                                      now)
                                  : Uni.createFrom().voidItem());
                })
            .memoize()
            .indefinitely();
    openings.put(socket, opening);
    return opening;
  }

  /** A socket of the agent on this instance closed. */
  public Uni<Void> closed(String agentId, String connectionId) {
    String socket = socket(connectionId);
    local.computeIfPresent(
        agentId,
        (id, sockets) -> {
          sockets.remove(socket);
          return sockets.isEmpty() ? null : sockets;
        });
    Uni<Void> opening = openings.remove(socket);
    Uni<Void> afterOpening =
        opening == null ? Uni.createFrom().voidItem() : opening.onFailure().recoverWithNull();
    String graceToken = UUID.randomUUID().toString();
    return afterOpening
        .chain(() -> store.closed(agentId, socket, graceToken, clock.instant()))
        .flatMap(
            sockets -> {
              if (sockets.open() > 0) {
                return Uni.createFrom().voidItem();
              }
              // The timer starts once WEBSOCKET_DISCONNECTED is out, so GRACE_EXPIRED follows it.
              return publish(
                      agentId, PresenceRules.lastSocketClosed(sockets.explicit()), clock.instant())
                  .eventually(
                      () ->
                          vertx.setTimer(
                              Math.max(1, grace.toMillis()), id -> endGrace(agentId, graceToken)));
            });
  }

  private void endGrace(String agentId, String graceToken) {
    Instant now = clock.instant();
    store
        .graceEnded(agentId, graceToken, now)
        .flatMap(
            ended ->
                ended.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : publish(agentId, PresenceRules.graceExpired(ended.get()), now))
        .subscribe()
        .with(
            done -> {},
            failure ->
                // TODO(presence): retry; the agent then stays ONLINE for routing until the next
                // change.
                LOG.warnf(
                    "The grace period of agent %s did not end cleanly: %s",
                    agentId, failure.getMessage()));
  }

  /** Keeps the sockets open here registered, so that only a dead instance's sockets drop out. */
  @Scheduled(
      every = "${switchboard.agent-push.socket-lease-renewal}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> renewLeases() {
    Instant now = clock.instant();
    return Multi.createFrom()
        .iterable(List.copyOf(local.entrySet()))
        .onItem()
        .transformToUniAndMerge(
            e ->
                store
                    .renew(e.getKey(), List.copyOf(e.getValue()), now)
                    .onFailure()
                    .invoke(
                        failure ->
                            LOG.warnf(
                                "The sockets of agent %s were not renewed: %s",
                                e.getKey(), failure.getMessage()))
                    .onFailure()
                    .recoverWithNull())
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> publish(String agentId, Optional<Change> change, Instant now) {
    if (change.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Change c = change.get();
    AgentPresenceChanged event =
        new AgentPresenceChanged(
            PlatformEvent.newId(), agentId, c.status(), c.clockedIn(), c.reason(), now);
    return events
        .publish(event)
        .invoke(
            () ->
                LOG.debugf(
                    "Agent %s is %s (%s, clocked in: %s)",
                    agentId, c.status(), c.reason(), c.clockedIn()));
  }

  private String socket(String connectionId) {
    return instanceId + ":" + connectionId;
  }
}
