package dev.switchboard.routing.distribution.domain;

/** Why an agent of the queue cannot be given a session now (Q6). */
public enum Unavailability {
  /** Presence OFFLINE, or never seen online. */
  OFFLINE,
  /** Presence AWAY. */
  AWAY,
  /** Online, but not clocked in to the working day, in a channel that requires it. */
  NOT_CLOCKED_IN,
  /** An absence of the agent directory (vacation, leave) covers this moment. */
  ABSENT,
  /** Dismissed, or removed from the directory: never routed to, whatever the channel's check. */
  DISMISSED
}
