package dev.switchboard.events.routing;

/** Why no agent could be given a session. */
public enum NoAgentReason {
  /** The channel's queue has no members. */
  QUEUE_EMPTY,
  /** Every agent of the queue is offline, away, absent or dismissed (Q6). */
  NONE_AVAILABLE,
  /** Every available agent is at their session limit (Q7). */
  ALL_AT_CAPACITY,
  /** Every agent of the queue let the offer pass (Q3). */
  ALL_PASSED
}
