package dev.switchboard.config.connector.messaging;

import dev.switchboard.config.connector.store.ConnectorEntity;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.platform.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Announces a connector registration on the compacted {@value Topics#CONFIG_CONNECTORS}, once per
 * version, through the outbox of the transaction that changed it. The secrets travel only sealed; a
 * removed connector is announced with {@code deleted: true} and no secrets.
 */
@ApplicationScoped
public class ConnectorChanges {

  static final String SOURCE = CloudEventHeaders.source("channel-config-service");

  @Inject Outbox outbox;

  /** Call inside the transaction that stored {@code connector} at its current version. */
  public Uni<Void> announce(ConnectorEntity connector) {
    boolean deleted = connector.deletedAt != null;
    ConnectorRegistrationChanged event =
        new ConnectorRegistrationChanged(
            PlatformEvent.newId(),
            connector.id.toString(),
            connector.channelId.toString(),
            ConnectorType.fromWireName(connector.connectorType),
            connector.accountId,
            connector.version,
            deleted,
            deleted ? null : connector.sealedSecrets(),
            connector.updatedAt);
    return outbox.add(
        Topics.CONFIG_CONNECTORS,
        event.partitionKey(),
        CloudEventHeaders.of(event, SOURCE),
        EventJson.write(event));
  }

  /** Publishes the committed changes now rather than at the relay's next poll. */
  public void flush() {
    outbox.flushSoon();
  }
}
