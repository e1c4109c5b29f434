package dev.switchboard.events.presence;

/** What changed an agent's presence. */
public enum PresenceChangeReason {
  /** The agent's frontend opened its WebSocket. */
  WEBSOCKET_CONNECTED,
  /**
   * The last WebSocket closed; the agent stays online for a grace period (see {@link
   * #GRACE_EXPIRED}).
   */
  WEBSOCKET_DISCONNECTED,
  /** The grace period after the last disconnect ran out without a reconnect. */
  GRACE_EXPIRED,
  /** The agent set their status or clocked in/out themselves. */
  EXPLICIT
}
