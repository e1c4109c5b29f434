package dev.switchboard.events.outbound;

/** What an outbound message is, so a connector can render it (buttons for a rating, a form...). */
public enum OutboundMessageKind {
  /** An agent's reply. */
  AGENT_REPLY,
  /**
   * A text the platform sends by itself: greeting (A1), off-hours or no-agent reply (W2, A4),
   * closing message (A5), timeout text (A7).
   */
  AUTOMATIC_TEXT,
  /** The personal-data notice the client must accept before the conversation (C1). */
  CONSENT_REQUEST,
  /** The live chat's form asking for name, e-mail and phone (A2). */
  CONTACT_FORM_REQUEST,
  /** A request to rate the agent (R1). */
  RATING_REQUEST
}
