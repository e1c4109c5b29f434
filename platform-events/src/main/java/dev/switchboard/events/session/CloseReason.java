package dev.switchboard.events.session;

/** Why a session was closed. */
public enum CloseReason {
  /** A person closed it (see {@link ClosedBy}). */
  MANUAL,
  /** The client did not reply in time (A7). */
  CONVERSATION_TIMEOUT,
  /** The client's rating arrived (R2). */
  RATING_RECEIVED,
  /** The wait for a rating after the agent closed it ran out (A6). */
  RATING_WAIT_EXPIRED,
  /** Its channel was deleted (O5). */
  CHANNEL_DELETED
}
