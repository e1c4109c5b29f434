package dev.switchboard.events.session;

/** Who closed a session. */
public enum ClosedBy {
  AGENT,
  SUPERVISOR,
  CLIENT,
  /** The session's chatbot, while the session was with it (B1, B2: the bot answered everything). */
  BOT,
  /** A timer or rule of the platform (A6, A7, R2, a deleted channel). */
  SYSTEM
}
