package dev.switchboard.events.kpi;

/** Which response-time limit of the channel was exceeded. */
public enum ResponseLimit {
  /** K1: from the client's first message to the agent's first reply. */
  FIRST_RESPONSE,
  /** K2: from each later client message to the agent's reply. */
  SUBSEQUENT_RESPONSE
}
