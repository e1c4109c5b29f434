package dev.switchboard.session.rating.store;

import java.time.Instant;

/**
 * Which ratings a report counts; every part optional (null: any).
 *
 * @param agentId the agent who had the session when it was rated
 * @param channelId the session's channel when it was rated
 * @param from rated at or after
 * @param to rated before
 */
public record RatingFilter(String agentId, String channelId, Instant from, Instant to) {}
