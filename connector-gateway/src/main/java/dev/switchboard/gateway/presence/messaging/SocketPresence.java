package dev.switchboard.gateway.presence.messaging;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.presence.AgentPresenceChanged;
import dev.switchboard.gateway.kafka.EventPublisher;
import dev.switchboard.gateway.presence.domain.PresenceRules;
import dev.switchboard.gateway.presence.domain.PresenceRules.Change;
import dev.switchboard.gateway.presence.store.PresenceStore;
import dev.switchboard.gateway.presence.store.PresenceStore.AgentPresence;
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
 * PresenceRules}. The socket count and the grace deadlines live in Redis ({@link PresenceStore});
 * the instance where the last socket closed ends the grace period on time, and any instance ends it
 * if that one died ({@link PresenceSweeper}), so an agent whose gateway instance is gone still goes
 * {@code OFFLINE}.
 */
@ApplicationScoped
public class SocketPresence {

  private static final Logger LOG = Logger.getLogger(SocketPresence.class);

  /** How many ended grace periods one instance claims in one go. */
  private static final int GRACES_PER_CLAIM = 100;

  /** This instance, in the ids of its sockets and in its lease in Redis. */
  private final String instanceId = UUID.randomUUID().toString();

  /** The sockets open on this instance, by agent, registered again if its lease lapsed. */
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

  @ConfigProperty(name = "switchboard.presence.publish-attempts")
  int publishAttempts;

  @ConfigProperty(name = "switchboard.presence.publish-backoff")
  Duration publishBackoff;

  /** This instance's id, the prefix of its sockets in Redis. */
  public String instanceId() {
    return instanceId;
  }

  /** A socket of the agent opened on this instance. */
  public Uni<Void> opened(String agentId, String connectionId) {
    String socket = socket(connectionId);
    local.computeIfAbsent(agentId, id -> ConcurrentHashMap.newKeySet()).add(socket);
    Uni<Void> opening = register(agentId, socket).memoize().indefinitely();
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
              if (!sockets.edge()) {
                return Uni.createFrom().voidItem();
              }
              // The grace deadline is in Redis already, where any instance's sweep ends it; this
              // timer ends it on time, after WEBSOCKET_DISCONNECTED is out.
              return publish(
                      agentId, PresenceRules.lastSocketClosed(sockets.explicit()), clock.instant())
                  .eventually(
                      () -> vertx.setTimer(Math.max(1, grace.toMillis()), id -> endGracesNow()));
            });
  }

  /** Ends the grace periods that are due now, rather than at the next sweep. */
  private void endGracesNow() {
    endGraces()
        .subscribe()
        .with(
            done -> {},
            failure ->
                LOG.warnf("Grace periods not ended (a sweep will): %s", failure.getMessage()));
  }

  /**
   * Publishes {@code GRACE_EXPIRED} for every grace period that ended, wherever it started. A
   * publish that fails leaves its grace period claimed until the claim ends; then this instance or
   * another publishes it again.
   */
  public Uni<Void> endGraces() {
    Instant now = clock.instant();
    return store
        .claimEndedGraces(now, GRACES_PER_CLAIM)
        .onItem()
        .transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
        .onItem()
        .transformToUniAndMerge(
            ended ->
                publish(ended.agentId(), PresenceRules.graceExpired(ended.explicit()), now)
                    .chain(() -> store.graceEnded(ended.agentId(), ended.graceToken()))
                    .onFailure()
                    .invoke(
                        failure ->
                            LOG.warnf(
                                "The grace period of agent %s did not end cleanly (tried again"
                                    + " later): %s",
                                ended.agentId(), failure.getMessage()))
                    .onFailure()
                    .recoverWithNull())
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * The agents whose last socket went away with a dead instance: the same as a last close, {@code
   * WEBSOCKET_DISCONNECTED} now and {@code GRACE_EXPIRED} when the grace period (already in Redis)
   * ends.
   */
  Uni<Void> lostWithTheirInstance(List<AgentPresence> agents) {
    Instant now = clock.instant();
    return Multi.createFrom()
        .iterable(agents)
        .onItem()
        .transformToUniAndMerge(
            agent ->
                publish(agent.agentId(), PresenceRules.lastSocketClosed(agent.explicit()), now)
                    .onFailure()
                    .invoke(
                        failure ->
                            LOG.warnf(
                                "Agent %s lost their sockets with a dead instance; not published:"
                                    + " %s",
                                agent.agentId(), failure.getMessage()))
                    .onFailure()
                    .recoverWithNull())
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * Registers this instance's open sockets again, after its lease lapsed (a pause, Redis out of
   * reach) and a sweeper may have taken them for a dead instance's: the agents come back.
   *
   * <p>TODO(issue 5, presence): a socket that closes while it is registered again may be left in
   * Redis under this live instance until it restarts (the agent then looks connected); the window
   * is one Redis round trip after a lapsed lease.
   */
  Uni<Void> registerAgain() {
    return Multi.createFrom()
        .iterable(List.copyOf(local.entrySet()))
        .onItem()
        .transformToMultiAndMerge(
            e ->
                Multi.createFrom()
                    .iterable(List.copyOf(e.getValue()))
                    .map(socket -> Map.entry(e.getKey(), socket)))
        .onItem()
        .transformToUniAndMerge(
            e -> register(e.getKey(), e.getValue()).onFailure().recoverWithNull())
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> register(String agentId, String socket) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Instant now = clock.instant();
              return store
                  .opened(agentId, socket, now)
                  .flatMap(
                      sockets ->
                          sockets.edge()
                              ? publish(
                                  agentId, PresenceRules.firstSocketOpened(sockets.explicit()), now)
                              : Uni.createFrom().voidItem());
            });
  }

  /**
   * Publishes the change, trying again with back-off ({@code switchboard.presence.publish-*}): a
   * presence change that Kafka did not take is not dropped at the first failure.
   */
  private Uni<Void> publish(String agentId, Optional<Change> change, Instant now) {
    if (change.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Change c = change.get();
    AgentPresenceChanged event =
        new AgentPresenceChanged(
            PlatformEvent.newId(), agentId, c.status(), c.clockedIn(), c.reason(), now);
    Uni<Void> once = Uni.createFrom().deferred(() -> events.publish(event));
    Uni<Void> tried =
        publishAttempts > 1
            ? once.onFailure().retry().withBackOff(publishBackoff).atMost(publishAttempts - 1L)
            : once;
    return tried.invoke(
        () ->
            LOG.debugf(
                "Agent %s is %s (%s, clocked in: %s)",
                agentId, c.status(), c.reason(), c.clockedIn()));
  }

  private String socket(String connectionId) {
    return instanceId + ":" + connectionId;
  }
}
