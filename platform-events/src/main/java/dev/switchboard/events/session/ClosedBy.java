package dev.switchboard.events.session;

/** Who closed a session. */
public enum ClosedBy {
  AGENT,
  SUPERVISOR,
  CLIENT,
  /** A timer or rule of the platform (A6, A7, R2, a deleted channel). */
  SYSTEM
}
