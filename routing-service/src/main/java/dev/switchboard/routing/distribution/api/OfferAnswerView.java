package dev.switchboard.routing.distribution.api;

/**
 * The answer to an accept or a decline.
 *
 * @param offerId the offer accepted or declined
 * @param state {@code ASSIGNED} (accepted) or {@code DECLINED}
 */
public record OfferAnswerView(String sessionId, String agentId, String offerId, String state) {}
