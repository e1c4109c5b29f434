package dev.switchboard.gateway.agentpush.domain;

/**
 * What the gateway remembers of a session to address its frames: the channel, the client (from
 * {@code SessionOpened}) and the agent who has it (from {@code SessionAssigned}). Any part may be
 * unknown (null) when the gateway joined after that event.
 */
public record SessionInfo(
    String channelId,
    String agentId,
    String clientId,
    String clientDisplayName,
    String connectorType) {

  public static SessionInfo unknown() {
    return new SessionInfo(null, null, null, null, null);
  }
}
