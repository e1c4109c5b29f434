package dev.switchboard.session.conversation.domain;

import dev.switchboard.events.inbound.InboundMessageReceived;

/** Whether a client's message can be stored through the connector it names. */
public final class ConnectorMatch {

  private ConnectorMatch() {}

  /**
   * Why a message can never be stored through this connector (the dead-letter reason), or null when
   * it can: the connector was deleted, or its registration has another type or account.
   */
  public static String refusal(
      InboundMessageReceived event,
      boolean deleted,
      String connectorId,
      String connectorType,
      String accountId) {
    if (deleted) {
      return "Connector " + connectorId + " was deleted from its channel";
    }
    if (!connectorType.equals(event.connectorType().wireName())
        || !accountId.equals(event.accountId())) {
      return "The message's connectorType/accountId ("
          + event.connectorType().wireName()
          + "/"
          + event.accountId()
          + ") do not match connector "
          + connectorId
          + "'s registration ("
          + connectorType
          + "/"
          + accountId
          + ")";
    }
    return null;
  }
}
