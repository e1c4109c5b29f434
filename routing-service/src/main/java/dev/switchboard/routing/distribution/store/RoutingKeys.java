package dev.switchboard.routing.distribution.store;

/**
 * Every Redis key of routing-service, under one prefix ({@code sb:routing:} unless configured, so
 * that tests can use their own). Ids are used as they are; none of the keys uses braces, so no
 * Redis Cluster hash tag is implied.
 *
 * <pre>
 * {prefix}agent:{agentId}             hash   presence, presenceAt, clockedIn, lastAssignedAt (epoch ms)
 * {prefix}agent:{agentId}:sessions    set    the agent's open sessions, all channels: the load
 * {prefix}session:{sessionId}         hash   channelId, state WAITING|ASSIGNED|CLOSED, agentId,
 *                                            queuedEventId, queuedAt, assignedAt, assignedEventId,
 *                                            noAgentEventId, closedAt; expires a while after CLOSED
 * {prefix}channel:{channelId}:waiting zset   waiting sessions, scored by arrival number
 * {prefix}arrivals                    string the arrival counter
 * {prefix}outbox                      hash   eventId -> "ce_type\njson" of a decision not yet published
 * {prefix}outbox:due                  zset   eventId -> when it was recorded (epoch ms)
 * {prefix}session:{sessionId}:passed  set    agents who passed on the session this round
 * {prefix}session:{sessionId}:outcomes hash  agentId -> EXPIRED|DECLINED|WITHDRAWN|TAKEN_BY_ANOTHER
 * {prefix}offer:{offerId}             hash   channelId, sessionId, mode, expiresAt, position
 * {prefix}offer:{offerId}:agents      zset   the agents holding it, scored in queue order
 * {prefix}agent:{agentId}:offers      set    the open offers the agent holds, all channels
 * {prefix}offers:due                  zset   offerId -> when it expires (epoch ms)
 * {prefix}agent:{agentId}:answered    set    the agent's open sessions answered at least once (Q7a)
 * {prefix}agent:{agentId}:awaiting-client set the agent's open sessions whose last message is an
 *                                            agent's (Q7b)
 * </pre>
 *
 * The offer scripts build the keys of the agents and offers they touch from the prefix (passed as
 * an argument), which a single Redis allows; on Redis Cluster every routing key would need one hash
 * tag in the prefix.
 */
public record RoutingKeys(String prefix) {

  public static final String DEFAULT_PREFIX = "sb:routing:";

  public RoutingKeys {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("a Redis key prefix is required");
    }
  }

  public String agent(String agentId) {
    return prefix + "agent:" + agentId;
  }

  public String agentSessions(String agentId) {
    return prefix + "agent:" + agentId + ":sessions";
  }

  public String session(String sessionId) {
    return prefix + "session:" + sessionId;
  }

  public String waiting(String channelId) {
    return prefix + "channel:" + channelId + ":waiting";
  }

  public String arrivals() {
    return prefix + "arrivals";
  }

  public String outbox() {
    return prefix + "outbox";
  }

  public String passed(String sessionId) {
    return session(sessionId) + ":passed";
  }

  public String outcomes(String sessionId) {
    return session(sessionId) + ":outcomes";
  }

  public String offer(String offerId) {
    return prefix + "offer:" + offerId;
  }

  public String offerAgents(String offerId) {
    return offer(offerId) + ":agents";
  }

  public String agentOffers(String agentId) {
    return prefix + "agent:" + agentId + ":offers";
  }

  public String agentAnswered(String agentId) {
    return prefix + "agent:" + agentId + ":answered";
  }

  public String agentAwaitingClient(String agentId) {
    return prefix + "agent:" + agentId + ":awaiting-client";
  }

  public String offersDue() {
    return prefix + "offers:due";
  }

  /**
   * Q7c: closed sessions still counting toward their agent's limit, scored by the rating wait's
   * end.
   */
  public String ratingDue() {
    return prefix + "rating:due";
  }

  public String outboxDue() {
    return prefix + "outbox:due";
  }
}
