package dev.switchboard.events.routing;

import dev.switchboard.events.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Nobody took an offer within its time (Q5); routing passes the session on (a new {@link
 * OfferMade}) or reports {@link NoAgentAvailable}.
 *
 * @param agentIds the agents whose offer expired
 */
public record OfferExpired(
    String id,
    String channelId,
    String sessionId,
    String offerId,
    List<String> agentIds,
    Instant occurredAt)
    implements RoutingEvent {

  public OfferExpired {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(offerId, "offerId");
    agentIds = Checks.listOrEmpty(agentIds);
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
