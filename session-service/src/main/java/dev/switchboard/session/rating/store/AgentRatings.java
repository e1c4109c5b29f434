package dev.switchboard.session.rating.store;

/** One agent's ratings in a report (null agent: sessions rated without one, e.g. a bot's). */
public record AgentRatings(String agentId, String agentName, RatingCounts counts) {}
