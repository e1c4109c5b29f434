package dev.switchboard.events.routing;

import dev.switchboard.events.Checks;
import java.time.Instant;
import java.util.List;

/**
 * A session is offered to one agent (Q2, Q3) or to several at once (Q4); an agent takes it through
 * the agent API, which session-service records as {@code SessionAccepted}.
 *
 * @param offerId identifies this offer in its later {@link OfferExpired}, {@link OfferWithdrawn}
 *     and the acceptance
 * @param agentIds the agents the session is offered to, never empty
 * @param expiresAt when the offer passes on if nobody takes it (Q5); absent when it does not expire
 */
public record OfferMade(
    String id,
    String channelId,
    String sessionId,
    String offerId,
    List<String> agentIds,
    DistributionMode distributionMode,
    Instant expiresAt,
    Instant occurredAt)
    implements RoutingEvent {

  public OfferMade {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(offerId, "offerId");
    agentIds = Checks.listOrEmpty(agentIds);
    if (agentIds.isEmpty()) {
      throw new IllegalArgumentException("agentIds must name at least one agent");
    }
    Checks.requireValue(distributionMode, "distributionMode");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
