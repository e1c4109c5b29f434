package dev.switchboard.session.conversation.messaging;

import dev.switchboard.events.EventFormatException;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.Topics;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.session.conversation.domain.StorableText;
import dev.switchboard.session.conversation.events.SessionAnnouncements;
import dev.switchboard.session.conversation.store.ParkedInboundEntity;
import dev.switchboard.session.conversation.usecase.InboundOutcome;
import dev.switchboard.session.conversation.usecase.ReceiveClientMessage;
import dev.switchboard.session.directory.store.ConnectorCopy;
import dev.switchboard.session.directory.store.DirectoryStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Inbound messages parked for an unknown connector: replayed, in arrival order, as soon as the
 * connector's registration arrives (called by the connector copy) and at every poll; moved to
 * {@code oc.inbound.messages.v1.dlq} with the reason when the connector stays unknown longer than
 * {@code switchboard.inbound.unknown-connector-wait}. The partition is never blocked meanwhile.
 */
@ApplicationScoped
public class ParkedInboundRetry {

  private static final Logger LOG = Logger.getLogger(ParkedInboundRetry.class);
  private static final int BATCH = 100;

  @Inject ReceiveClientMessage intake;
  @Inject DirectoryStore directory;
  @Inject SessionAnnouncements announcements;
  @Inject Clock clock;
  @Inject MeterRegistry metrics;

  @ConfigProperty(name = "switchboard.inbound.unknown-connector-wait")
  Duration unknownConnectorWait;

  @Scheduled(
      every = "${switchboard.inbound.parked-retry-interval}",
      // Not before the start nor after the stop began (the pool closes under a late retry).
      skipExecutionIf = Scheduled.ApplicationNotRunning.class,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> retryAll() {
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .flatMap(
                        session ->
                            session
                                .createNativeQuery(
                                    "SELECT DISTINCT p.connector_id FROM parked_inbound p"
                                        + " JOIN connector_copy c ON c.connector_id ="
                                        + " p.connector_id",
                                    String.class)
                                .getResultList()))
        .flatMap(this::replayEach)
        .chain(this::giveUpOnStale)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(failure, "Retrying parked inbound messages failed; next poll retries");
              return null;
            });
  }

  private Uni<Void> replayEach(List<String> connectorIds) {
    Uni<Void> done = Uni.createFrom().voidItem();
    for (String connectorId : connectorIds) {
      done = done.chain(() -> replay(connectorId));
    }
    return done;
  }

  /**
   * Stores the messages parked for this connector, oldest first, if it is known now. Never fails:
   * what is left is retried at the next poll.
   */
  public Uni<Void> replay(String connectorId) {
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        directory
                            .connector(connectorId)
                            .flatMap(
                                connector ->
                                    connector == null
                                        ? Uni.createFrom().item(0)
                                        : ParkedInboundEntity.<ParkedInboundEntity>find(
                                                "connectorId = ?1 order by seq", connectorId)
                                            .withLock(LockModeType.PESSIMISTIC_WRITE)
                                            .range(0, BATCH - 1)
                                            .list()
                                            .flatMap(parked -> replayAll(parked, connector)))))
        .invoke(
            replayed -> {
              if (replayed > 0) {
                LOG.infof(
                    "Replayed %d parked inbound messages of connector %s", replayed, connectorId);
                announcements.flush();
              }
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(
                  failure,
                  "Parked inbound messages of connector %s could not be replayed yet",
                  connectorId);
              return 0;
            })
        .eventually(
            () -> {
              MDC.remove("channelId");
              MDC.remove("sessionId");
            })
        .replaceWithVoid();
  }

  private Uni<Integer> replayAll(List<ParkedInboundEntity> parked, ConnectorCopy connector) {
    Uni<Void> done = Uni.createFrom().voidItem();
    for (ParkedInboundEntity one : parked) {
      done = done.chain(() -> replayOne(one, connector));
    }
    return done.replaceWith(parked.size());
  }

  private Uni<Void> replayOne(ParkedInboundEntity parked, ConnectorCopy connector) {
    InboundMessageReceived event;
    try {
      event =
          StorableText.of(
              EventJson.read(
                  parked.payload.getBytes(StandardCharsets.UTF_8), InboundMessageReceived.class));
    } catch (EventFormatException e) {
      return announcements.deadLetter(parked, e.getMessage()).call(parked::delete);
    }
    return intake
        .storeFor(event, connector)
        .flatMap(
            outcome ->
                outcome.kind() == InboundOutcome.Kind.REJECTED
                    ? announcements.deadLetter(parked, outcome.detail()).invoke(this::deadLettered)
                    : Uni.createFrom().voidItem())
        .call(parked::delete);
  }

  /**
   * Parked longer than the wait for a connector still unknown: to the dead-letter topic, with the
   * reason. A message whose connector is known stays parked however long storing it fails (the
   * database is away): it is retried at every poll, never dead-lettered for an outage.
   */
  private Uni<Void> giveUpOnStale() {
    return Panache.withTransaction(
            () ->
                ParkedInboundEntity.<ParkedInboundEntity>find(
                        "parkedAt < ?1 and connectorId not in"
                            + " (select c.connectorId from ConnectorCopy c) order by seq",
                        clock.instant().minus(unknownConnectorWait))
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .range(0, BATCH - 1)
                    .list()
                    .flatMap(this::deadLetterAll))
        .invoke(
            given -> {
              if (given > 0) {
                announcements.flush();
              }
            })
        .replaceWithVoid();
  }

  private Uni<Integer> deadLetterAll(List<ParkedInboundEntity> stale) {
    Uni<Void> done = Uni.createFrom().voidItem();
    for (ParkedInboundEntity parked : stale) {
      done =
          done.chain(
              () -> {
                String reason =
                    "Unknown connector "
                        + parked.connectorId
                        + ": no registration for it arrived on "
                        + Topics.CONFIG_CONNECTORS
                        + " within "
                        + unknownConnectorWait;
                LOG.warnf(
                    "Inbound message %s goes to %s: %s",
                    parked.eventId, Topics.dlq(parked.sourceTopic), reason);
                deadLettered();
                return announcements.deadLetter(parked, reason).call(parked::delete);
              });
    }
    return done.replaceWith(stale.size());
  }

  private void deadLettered() {
    metrics.counter(InboundMessageConsumer.METRIC, "outcome", "dead_lettered").increment();
  }
}
