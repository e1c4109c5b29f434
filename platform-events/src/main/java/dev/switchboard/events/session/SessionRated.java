package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * The client rated the agent of a session (R1, R3).
 *
 * @param agentId the rated agent
 * @param score 1 (worst) to 5 (best); messengers with two buttons send 5 for "good" and 1 for "bad"
 * @param comment what the client wrote with the rating, if anything
 */
public record SessionRated(
    String id,
    String channelId,
    String sessionId,
    String agentId,
    int score,
    String comment,
    Instant occurredAt)
    implements SessionEvent {

  public static final int MIN_SCORE = 1;
  public static final int MAX_SCORE = 5;

  public SessionRated {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireValue(occurredAt, "occurredAt");
    if (score < MIN_SCORE || score > MAX_SCORE) {
      throw new IllegalArgumentException("score must be between 1 and 5, was " + score);
    }
  }
}
