package dev.switchboard.events.common;

/** Why a session went to a particular agent. */
public enum AssignmentReason {
  /** The channel's distribution mode chose the agent (Q2, Q3). */
  DISTRIBUTION,
  /** The agent took an offer (Q3 idle pass-on, Q4 "to all": the first to accept). */
  OFFER_ACCEPTED,
  /** The client is recognised and the CRM record's responsible person gets the session (Q14). */
  RESPONSIBLE_PERSON,
  /** Another agent or a supervisor transferred the session by hand. */
  TRANSFER
}
