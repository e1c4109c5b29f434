package dev.switchboard.session.conversation.api;

/**
 * The {@code currentState} of the 409 to a reply whose offer routing-service refused (Q3): the same
 * shape routing-service gives its own accept's 409, so a client reads both alike.
 *
 * @param reason routing-service's reason, passed on: TAKEN_BY_ANOTHER, WITHDRAWN, EXPIRED,
 *     DECLINED, NOT_OFFERED, AGENT_UNAVAILABLE, AT_CAPACITY or OFFER_CHANGED
 */
public record OfferConflictState(String sessionId, String agentId, String reason) {}
