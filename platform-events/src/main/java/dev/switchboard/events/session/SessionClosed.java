package dev.switchboard.events.session;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * A session was closed.
 *
 * <p>When the channel waits for a rating (A6), the first {@code SessionClosed} carries {@code
 * awaitingRatingUntil}: the session is closed for its agent but still "closed, awaiting a rating"
 * for capacity (Q7) until then. A second {@code SessionClosed} with reason {@code RATING_RECEIVED}
 * or {@code RATING_WAIT_EXPIRED} and no {@code awaitingRatingUntil} closes it for good.
 *
 * @param agentId the agent the session belonged to, if any
 * @param closedByUserId the user who closed it, when {@code closedBy} is a person with an account
 */
public record SessionClosed(
    String id,
    String channelId,
    String sessionId,
    String agentId,
    ClosedBy closedBy,
    String closedByUserId,
    CloseReason reason,
    Instant awaitingRatingUntil,
    Instant occurredAt)
    implements SessionEvent {

  public SessionClosed {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireValue(closedBy, "closedBy");
    Checks.requireValue(reason, "reason");
    Checks.requireValue(occurredAt, "occurredAt");
  }

  /** Whether this closes the session for good (no rating is awaited any more). */
  public boolean closesForGood() {
    return awaitingRatingUntil == null;
  }
}
