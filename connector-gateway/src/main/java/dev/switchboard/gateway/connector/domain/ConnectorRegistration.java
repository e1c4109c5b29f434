package dev.switchboard.gateway.connector.domain;

import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.config.EncryptedSecrets;

/**
 * The gateway's copy of one connector registration: which account belongs to which channel, and its
 * secrets, still sealed.
 *
 * @param secrets absent when the connector has none or was deleted
 */
public record ConnectorRegistration(
    String connectorId,
    String channelId,
    ConnectorType connectorType,
    String accountId,
    long version,
    boolean deleted,
    EncryptedSecrets secrets) {

  public static ConnectorRegistration of(ConnectorRegistrationChanged event) {
    return new ConnectorRegistration(
        event.connectorId(),
        event.channelId(),
        event.connectorType(),
        event.accountId(),
        event.version(),
        event.deleted(),
        event.encryptedSecrets());
  }
}
