package dev.switchboard.events.crm;

/** Who asked for a lead (Q11). */
public enum LeadTrigger {
  /** The channel creates leads for unknown clients by itself. */
  AUTOMATIC,
  /** An agent used the "create lead" action in the chat. */
  MANUAL
}
