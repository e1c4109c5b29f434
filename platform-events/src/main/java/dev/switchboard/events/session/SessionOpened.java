package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.common.ConnectorType;
import java.time.Instant;

/**
 * A new session started for a client in a channel; the client's first message follows as {@link
 * ClientMessageReceived}. crm-bridge checks the client against the CRM on this event (Q9).
 *
 * @param clientId session-service's id of the client (one client may have several connector
 *     identities, Q10)
 * @param client the client as the connector knows them
 */
public record SessionOpened(
    String id,
    String channelId,
    String sessionId,
    String clientId,
    ConnectorType connectorType,
    String connectorId,
    String accountId,
    String externalChatId,
    ClientIdentity client,
    Instant occurredAt)
    implements SessionEvent {

  public SessionOpened {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(clientId, "clientId");
    Checks.requireValue(connectorType, "connectorType");
    Checks.requireText(connectorId, "connectorId");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
