package dev.switchboard.config.connector.store;

import dev.switchboard.config.connector.messaging.ConnectorChanges;
import dev.switchboard.events.config.SecretsCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * A secrets key rotation (README, "Rotating the connector secrets key"): soon after start, every
 * stored connector secret sealed under an old key ({@code CONNECTOR_SECRETS_OLD_KEYS}) is sealed
 * again with the current one, as a new version of the connector announced on the compacted topic,
 * so that the gateways' copies move off the old key too and the old key can then be dropped. Each
 * instance does it; the rows are locked, so two instances starting together reseal each connector
 * once.
 */
@ApplicationScoped
public class SecretsRotation {

  private static final Logger LOG = Logger.getLogger(SecretsRotation.class);

  @Inject SecretsCipher cipher;
  @Inject ConnectorChanges changes;
  @Inject Clock clock;

  /**
   * Shortly after start (and hourly, for secrets an instance still on the old key sealed
   * meanwhile), on the event loop rather than blocking the start: a start never waits on the
   * database for this.
   */
  @Scheduled(every = "1h", delayed = "5s", concurrentExecution = ConcurrentExecution.SKIP)
  Uni<Void> resealNowAndThen() {
    return resealUnderTheCurrentKey()
        .invoke(
            resealed -> {
              if (resealed > 0) {
                LOG.infof(
                    "Connector secrets: %d connector(s) resealed under key id '%s'",
                    resealed, cipher.currentKeyId());
              }
            })
        .replaceWithVoid();
  }

  /**
   * Reseals the secrets of every live connector sealed under one of the old keys; how many. Secrets
   * under a key id this instance does not know are not touched (that connector fails alone, as at
   * the gateway, until its key is given); one that its named key does not open is logged and left.
   */
  public Uni<Integer> resealUnderTheCurrentKey() {
    if (cipher.oldKeyIds().isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return Panache.withTransaction(
            () ->
                ConnectorEntity.<ConnectorEntity>find(
                        "deletedAt is null and secretsCiphertext is not null"
                            + " and secretsKeyId in ?1 order by id",
                        cipher.oldKeyIds())
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .list()
                    .chain(
                        stale ->
                            Multi.createFrom()
                                .iterable(stale)
                                .onItem()
                                .transformToUniAndConcatenate(this::reseal)
                                .filter(resealed -> resealed)
                                .collect()
                                .asList()
                                .map(resealed -> resealed.size())))
        .invoke(changes::flush);
  }

  private Uni<Boolean> reseal(ConnectorEntity connector) {
    byte[] owner = connector.id.toString().getBytes(StandardCharsets.UTF_8);
    try {
      connector.seal(cipher.resealed(connector.sealedSecrets(), owner));
    } catch (IllegalArgumentException e) {
      LOG.warnf(
          "Connector %s: its secrets do not open with the key CONNECTOR_SECRETS_OLD_KEYS gives"
              + " for key id '%s'; left as they are",
          connector.id, connector.secretsKeyId);
      return Uni.createFrom().item(false);
    }
    connector.version = connector.version + 1;
    connector.updatedAt = clock.instant();
    return changes.announce(connector).replaceWith(true);
  }
}
