package dev.switchboard.events.config;

import dev.switchboard.events.Checks;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.ConnectorType;
import java.time.Instant;

/**
 * The latest registration of one connector: which account belongs to which channel (G3). Published
 * by channel-config-service on topic {@value Topics#CONFIG_CONNECTORS} (compacted), keyed by
 * connector id; the gateway keeps a local copy to verify webhooks and deliver messages.
 *
 * @param accountId the connector account (bot, page, phone number, widget id)
 * @param encryptedSecrets the connector's secrets, sealed; absent when it has none or when deleted
 * @param deleted the connector was removed from its channel
 */
public record ConnectorRegistrationChanged(
    String id,
    String connectorId,
    String channelId,
    ConnectorType connectorType,
    String accountId,
    long version,
    boolean deleted,
    EncryptedSecrets encryptedSecrets,
    Instant occurredAt)
    implements PlatformEvent {

  public ConnectorRegistrationChanged {
    Checks.requireText(id, "id");
    Checks.requireText(connectorId, "connectorId");
    Checks.requireText(channelId, "channelId");
    Checks.requireValue(connectorType, "connectorType");
    Checks.requireText(accountId, "accountId");
    Checks.requireValue(occurredAt, "occurredAt");
  }

  @Override
  public String partitionKey() {
    return connectorId;
  }
}
