package dev.switchboard.routing.distribution.api;

/**
 * The {@code currentState} of a 409 to an accept or a decline.
 *
 * @param reason TAKEN_BY_ANOTHER, WITHDRAWN, EXPIRED, DECLINED, NOT_OFFERED, AGENT_UNAVAILABLE,
 *     AT_CAPACITY or OFFER_CHANGED
 */
public record OfferConflictView(String sessionId, String agentId, String reason) {}
