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
 * </pre>
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

  public String outboxDue() {
    return prefix + "outbox:due";
  }
}
