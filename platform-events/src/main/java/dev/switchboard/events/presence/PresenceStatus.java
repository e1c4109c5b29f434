package dev.switchboard.events.presence;

/** Whether an agent can be offered sessions right now (Q6). */
public enum PresenceStatus {
  ONLINE,
  AWAY,
  OFFLINE
}
