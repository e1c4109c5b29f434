package dev.switchboard.events.routing;

/** Why an open offer was taken back before it expired. */
public enum WithdrawalReason {
  /** Another agent accepted the session first (Q4). */
  ACCEPTED_BY_ANOTHER_AGENT,
  /** The agent declined it. */
  DECLINED,
  /** The agent went offline, away or absent (Q6). */
  AGENT_UNAVAILABLE,
  /** The session was closed meanwhile. */
  SESSION_CLOSED,
  /** The session was transferred meanwhile. */
  SESSION_TRANSFERRED
}
