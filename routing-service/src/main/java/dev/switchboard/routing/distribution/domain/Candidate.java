package dev.switchboard.routing.distribution.domain;

import java.time.Instant;

/**
 * An available agent of the queue at the moment of a decision.
 *
 * @param queuePosition 0 for the first agent of the queue
 * @param load the agent's open sessions across all channels
 * @param lastAssignedAt when the agent was last given a session; null if never
 */
public record Candidate(String agentId, int queuePosition, int load, Instant lastAssignedAt) {}
