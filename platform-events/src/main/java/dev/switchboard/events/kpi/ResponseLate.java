package dev.switchboard.events.kpi;

import dev.switchboard.events.Checks;
import dev.switchboard.events.SessionScoped;
import dev.switchboard.events.Topics;
import java.time.Instant;

/**
 * An agent did not answer a client message within the channel's limit (K1, K2). Published only when
 * notifications are on (K3); the gateway pushes {@code notificationText} to {@code notifyAgentId}
 * (K4). Topic {@value Topics#KPI_ALERTS}, keyed by channel id.
 *
 * @param agentId the agent who should have answered, if the session had one
 * @param clientMessageId session-service's id of the unanswered client message
 * @param clientMessageAt when that message arrived; the clock started there
 * @param limitSeconds the channel's limit that applied
 * @param lateBySeconds how far past the limit the response is, when this alert was raised
 * @param notifyAgentId who receives the notification (K4)
 * @param notificationText the channel's template with {@code #OPERATOR#} and {@code #DIALOG#}
 *     filled in (K5)
 */
public record ResponseLate(
    String id,
    String channelId,
    String sessionId,
    String agentId,
    ResponseLimit limit,
    String clientMessageId,
    Instant clientMessageAt,
    long limitSeconds,
    long lateBySeconds,
    String notifyAgentId,
    String notificationText,
    Instant occurredAt)
    implements SessionScoped {

  public ResponseLate {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireValue(limit, "limit");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
