package dev.switchboard.events.routing;

import dev.switchboard.events.Checks;
import java.time.Instant;
import java.util.List;

/**
 * An open offer was taken back from some agents; their frontends remove it.
 *
 * @param agentIds the agents who lose the offer
 */
public record OfferWithdrawn(
    String id,
    String channelId,
    String sessionId,
    String offerId,
    List<String> agentIds,
    WithdrawalReason reason,
    Instant occurredAt)
    implements RoutingEvent {

  public OfferWithdrawn {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(offerId, "offerId");
    agentIds = Checks.listOrEmpty(agentIds);
    Checks.requireValue(reason, "reason");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
