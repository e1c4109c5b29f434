package dev.switchboard.events.session;

/** Why a session (again) waits for an agent. */
public enum QueueReason {
  /** A new session needs its first agent. */
  NEW_SESSION,
  /** A closed session was re-opened (the client wrote again, or a late rating arrived, A6). */
  REOPENED,
  /** An agent transferred it to a queue rather than to a person. */
  TRANSFERRED,
  /** The chatbot handed it over to a person (B1). */
  BOT_HANDOVER,
  /** Its agent declined it or became unavailable before answering. */
  REQUEUED
}
