package dev.switchboard.routing.distribution.store;

/**
 * Every Redis key of routing-service, under one prefix ({@code sb:routing:} unless configured, so
 * that tests can use their own).
 *
 * <p><b>No id can collide with another key.</b> Ids arrive from outside (agent ids are OIDC
 * subjects, and every id also comes over Kafka from connectors and other services), so each id is
 * written between braces, as in agent:{bob}:sessions. The suffixes after an id never hold a closing
 * brace, so the last closing brace of a key is the one that closes its id, whatever the id holds:
 * agent "bob:sessions" has the hash agent:{bob:sessions}, never agent:{bob}:sessions, bob's set.
 * (Before, both were agent:bob:sessions, and every script touching bob failed with WRONGTYPE.) The
 * kinds (agent, session, channel, offer) differ before their first brace, and the fixed keys hold
 * none. The Lua scripts build the keys of the agents and offers they touch with the same layout
 * ({@code RoutingScripts.KEY_NAMES}).
 *
 * <pre>
 * {prefix}agent:{{agentId}}             hash   presence, presenceAt, clockedIn, lastAssignedAt (epoch ms)
 * {prefix}agent:{{agentId}}:sessions    set    the agent's open sessions, all channels: the load
 * {prefix}session:{{sessionId}}         hash   channelId, state WAITING|ASSIGNED|CLOSED, agentId,
 *                                              queuedEventId, queuedAt, assignedAt, assignedEventId,
 *                                              noAgentEventId, closedAt; expires a while after CLOSED
 * {prefix}channel:{{channelId}}:waiting zset   waiting sessions, scored by arrival number
 * {prefix}arrivals                    string the arrival counter
 * {prefix}outbox                      hash   eventId -> "ce_type\njson" of a decision not yet published
 * {prefix}outbox:due                  zset   eventId -> when it was recorded (epoch ms)
 * {prefix}session:{{sessionId}}:passed  set    agents who passed on the session this round
 * {prefix}session:{{sessionId}}:outcomes hash  agentId -> EXPIRED|DECLINED|WITHDRAWN|TAKEN_BY_ANOTHER
 * {prefix}offer:{{offerId}}             hash   channelId, sessionId, mode, expiresAt, position
 * {prefix}offer:{{offerId}}:agents      zset   the agents holding it, scored in queue order
 * {prefix}agent:{{agentId}}:offers      set    the open offers the agent holds, all channels
 * {prefix}offers:due                    zset   offerId -> when it expires (epoch ms)
 * {prefix}agent:{{agentId}}:answered    set    the agent's open sessions answered at least once (Q7a)
 * {prefix}agent:{{agentId}}:awaiting-client set the agent's open sessions whose last message is an
 *                                              agent's (Q7b)
 * {prefix}state                       string when this state was first built (epoch ms): its absence
 *                                            means Redis lost it (StateRecovery)
 * {prefix}state:rebuilding            string the instance rebuilding the state, while it does
 * </pre>
 *
 * The offer scripts build the keys of the agents and offers they touch from the prefix (passed as
 * an argument), which a single Redis allows. On Redis Cluster the braces around an id would be read
 * as a hash tag; every routing key must then share one slot, so give the prefix a hash tag of its
 * own ({@code {sb}:routing:}): the first braces of a key decide its slot.
 */
public record RoutingKeys(String prefix) {

  public static final String DEFAULT_PREFIX = "sb:routing:";

  public RoutingKeys {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("a Redis key prefix is required");
    }
  }

  public String agent(String agentId) {
    return prefix + "agent:" + braced(agentId);
  }

  public String agentSessions(String agentId) {
    return agent(agentId) + ":sessions";
  }

  public String session(String sessionId) {
    return prefix + "session:" + braced(sessionId);
  }

  public String waiting(String channelId) {
    return prefix + "channel:" + braced(channelId) + ":waiting";
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
    return prefix + "offer:" + braced(offerId);
  }

  public String offerAgents(String offerId) {
    return offer(offerId) + ":agents";
  }

  public String agentOffers(String agentId) {
    return agent(agentId) + ":offers";
  }

  public String agentAnswered(String agentId) {
    return agent(agentId) + ":answered";
  }

  public String agentAwaitingClient(String agentId) {
    return agent(agentId) + ":awaiting-client";
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

  /** Present while routing's state is whole; written once the state is built or rebuilt. */
  public String stateMarker() {
    return prefix + "state";
  }

  /** Held (with an expiry) by the one instance rebuilding the state. */
  public String rebuildClaim() {
    return prefix + "state:rebuilding";
  }

  /** An id as it appears in a key: between braces (see the class comment for why). */
  private static String braced(String id) {
    return "{" + id + "}";
  }
}
