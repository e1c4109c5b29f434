package dev.switchboard.routing.recovery.domain;

import java.time.Instant;

/** A session session-service holds open, as routing rebuilds its state from it. */
public record OpenSession(
    String sessionId, String channelId, State state, String agentId, Instant since) {

  /** Only these two matter to routing; a session with a chatbot is not routed. */
  public enum State {
    QUEUED,
    ASSIGNED
  }
}
