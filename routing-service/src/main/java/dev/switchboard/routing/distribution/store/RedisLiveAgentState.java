package dev.switchboard.routing.distribution.store;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.routing.distribution.domain.AgentLiveState;
import dev.switchboard.routing.distribution.domain.LiveAgentState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link LiveAgentState} in Redis; every change is one Lua script (see {@link RoutingScripts}). */
public class RedisLiveAgentState implements LiveAgentState {

  private static final int RELEASE_ATTEMPTS = 5;

  private final RedisDataSource redis;
  private final RoutingKeys keys;
  private final Duration keepClosedSessions;

  public RedisLiveAgentState(RedisDataSource redis, RoutingKeys keys, Duration keepClosedSessions) {
    this.redis = redis;
    this.keys = keys;
    this.keepClosedSessions = keepClosedSessions;
  }

  @Override
  public Map<String, AgentLiveState> agents(List<String> agentIds) {
    Map<String, AgentLiveState> agents = new HashMap<>();
    if (agentIds.isEmpty()) {
      return agents;
    }
    List<String> scriptKeys = new ArrayList<>(agentIds.size() * 2);
    for (String agentId : agentIds) {
      scriptKeys.add(keys.agent(agentId));
      scriptKeys.add(keys.agentSessions(agentId));
    }
    Response values = RoutingScripts.READ_AGENTS.run(redis, scriptKeys);
    for (int i = 0; i < agentIds.size(); i++) {
      String presence = values.get(3 * i).toString();
      String lastAssignedAt = values.get(3 * i + 1).toString();
      int load = Integer.parseInt(values.get(3 * i + 2).toString());
      agents.put(
          agentIds.get(i),
          new AgentLiveState(
              agentIds.get(i),
              presence.isEmpty() ? PresenceStatus.OFFLINE : PresenceStatus.valueOf(presence),
              load,
              lastAssignedAt.isEmpty()
                  ? null
                  : Instant.ofEpochMilli(Long.parseLong(lastAssignedAt))));
    }
    return agents;
  }

  @Override
  public Enqueued enqueue(String channelId, String sessionId, String queuedEventId, Instant at) {
    Response outcome =
        RoutingScripts.ENQUEUE.run(
            redis,
            List.of(keys.session(sessionId), keys.waiting(channelId), keys.arrivals()),
            sessionId,
            channelId,
            queuedEventId,
            millis(at));
    return Enqueued.valueOf(outcome.toString());
  }

  /** {@inheritDoc} {@code max} 0 or less: all of them. */
  @Override
  public List<String> waiting(String channelId, int max) {
    Response ids =
        redis.execute(
            "ZRANGE", keys.waiting(channelId), "0", max <= 0 ? "-1" : Integer.toString(max - 1));
    List<String> waiting = new ArrayList<>(ids.size());
    ids.forEach(id -> waiting.add(id.toString()));
    return waiting;
  }

  /** Every waiting session of the channel, oldest first. */
  public List<String> allWaiting(String channelId) {
    return waiting(channelId, 0);
  }

  @Override
  public ReserveResult tryReserve(Reservation reservation) {
    var decision = reservation.decision();
    Response outcome =
        RoutingScripts.RESERVE.run(
            redis,
            List.of(
                keys.session(decision.sessionId()),
                keys.agentSessions(decision.agentId()),
                keys.agent(decision.agentId()),
                keys.waiting(decision.channelId()),
                keys.outbox(),
                keys.outboxDue()),
            decision.sessionId(),
            decision.agentId(),
            decision.channelId(),
            Integer.toString(reservation.sessionLimit().orElse(-1)),
            Integer.toString(reservation.expectedLoad().orElse(-1)),
            reservation.requireOnline() ? "1" : "0",
            millis(decision.occurredAt()),
            decision.id(),
            AnnouncementOutbox.payload(decision));
    return ReserveResult.valueOf(outcome.toString());
  }

  @Override
  public boolean claimNoAgentAnnouncement(NoAgentAvailable announcement) {
    Response claimed =
        RoutingScripts.CLAIM_NO_AGENT.run(
            redis,
            List.of(keys.session(announcement.sessionId()), keys.outbox(), keys.outboxDue()),
            announcement.channelId(),
            announcement.id(),
            AnnouncementOutbox.payload(announcement),
            millis(announcement.occurredAt()));
    return claimed.toLong() == 1;
  }

  @Override
  public Released release(String channelId, String sessionId, Instant at) {
    String expectedAgent = "";
    for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
      Response outcome =
          RoutingScripts.RELEASE.run(
              redis,
              List.of(
                  keys.session(sessionId),
                  keys.agentSessions(expectedAgent),
                  keys.waiting(channelId)),
              sessionId,
              expectedAgent,
              channelId,
              millis(at),
              Long.toString(keepClosedSessions.toSeconds()));
      String result = outcome.get(0).toString();
      String agentId = outcome.get(1).toString();
      switch (result) {
        case "RETRY" -> expectedAgent = agentId;
        case "CLOSED" -> {
          return new Released(agentId.isEmpty() ? null : agentId);
        }
        default -> {
          return new Released(null);
        }
      }
    }
    throw new IllegalStateException(
        "Session " + sessionId + " kept changing agent while it was being closed");
  }

  @Override
  public boolean presenceChanged(
      String agentId, PresenceStatus status, boolean clockedIn, Instant at) {
    Response recorded =
        RoutingScripts.PRESENCE.run(
            redis, List.of(keys.agent(agentId)), status.name(), millis(at), clockedIn ? "1" : "0");
    return recorded.toLong() == 1;
  }

  private static String millis(Instant instant) {
    return Long.toString(instant.toEpochMilli());
  }
}
