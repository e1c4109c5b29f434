package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.RoutingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link LiveAgentState} in memory, with the same rules as the Redis scripts, for tests of the
 * domain without Redis (and for the simulator in {@code distribution.simulation}).
 */
public final class InMemoryLiveAgentState implements LiveAgentState {

  private enum State {
    WAITING,
    ASSIGNED,
    CLOSED
  }

  private static final class Session {
    String channelId;
    State state;
    String agentId;
    String queuedEventId;
    boolean noAgentAnnounced;
  }

  private final Map<String, PresenceStatus> presence = new HashMap<>();
  private final Map<String, Instant> presenceAt = new HashMap<>();
  private final Map<String, Instant> lastAssignedAt = new HashMap<>();
  private final Map<String, Set<String>> openSessions = new HashMap<>();
  private final Map<String, Session> sessions = new HashMap<>();
  private final Map<String, LinkedHashSet<String>> waitingLines = new HashMap<>();
  final Map<String, RoutingEvent> recorded = new LinkedHashMap<>();

  @Override
  public synchronized Map<String, AgentLiveState> agents(List<String> agentIds) {
    Map<String, AgentLiveState> agents = new HashMap<>();
    for (String agentId : agentIds) {
      agents.put(
          agentId,
          new AgentLiveState(
              agentId,
              presence.getOrDefault(agentId, PresenceStatus.OFFLINE),
              load(agentId),
              lastAssignedAt.get(agentId)));
    }
    return agents;
  }

  public synchronized int load(String agentId) {
    return openSessions.getOrDefault(agentId, Set.of()).size();
  }

  /** Another channel (or instance) gives the agent a session behind the distributor's back. */
  synchronized void addOpenSession(String agentId, String sessionId) {
    openSessions.computeIfAbsent(agentId, a -> new LinkedHashSet<>()).add(sessionId);
  }

  @Override
  public synchronized Enqueued enqueue(
      String channelId, String sessionId, String queuedEventId, Instant at) {
    Session session = sessions.get(sessionId);
    if (session != null && session.state == State.ASSIGNED) {
      return Enqueued.ALREADY_ASSIGNED;
    }
    if (session != null && session.state == State.WAITING && session.channelId.equals(channelId)) {
      return Enqueued.ALREADY_WAITING;
    }
    if (session != null
        && session.state == State.CLOSED
        && queuedEventId.equals(session.queuedEventId)) {
      return Enqueued.ALREADY_CLOSED;
    }
    session = new Session();
    session.channelId = channelId;
    session.state = State.WAITING;
    session.queuedEventId = queuedEventId;
    sessions.put(sessionId, session);
    waitingLines.computeIfAbsent(channelId, c -> new LinkedHashSet<>()).add(sessionId);
    return Enqueued.QUEUED;
  }

  @Override
  public synchronized List<String> waiting(String channelId, int max) {
    List<String> line =
        new ArrayList<>(waitingLines.getOrDefault(channelId, new LinkedHashSet<>()));
    return max <= 0 ? line : line.subList(0, Math.min(max, line.size()));
  }

  @Override
  public synchronized ReserveResult tryReserve(Reservation reservation) {
    var decision = reservation.decision();
    Session session = sessions.get(decision.sessionId());
    if (session == null
        || session.state != State.WAITING
        || !session.channelId.equals(decision.channelId())) {
      waitingLines
          .getOrDefault(decision.channelId(), new LinkedHashSet<>())
          .remove(decision.sessionId());
      return ReserveResult.SESSION_NOT_WAITING;
    }
    if (reservation.requireOnline()
        && presence.getOrDefault(decision.agentId(), PresenceStatus.OFFLINE)
            != PresenceStatus.ONLINE) {
      return ReserveResult.AGENT_UNAVAILABLE;
    }
    int load = load(decision.agentId());
    if (reservation.sessionLimit().isPresent() && load >= reservation.sessionLimit().getAsInt()) {
      return ReserveResult.AT_CAPACITY;
    }
    if (reservation.expectedLoad().isPresent() && load != reservation.expectedLoad().getAsInt()) {
      return ReserveResult.LOAD_CHANGED;
    }
    addOpenSession(decision.agentId(), decision.sessionId());
    session.state = State.ASSIGNED;
    session.agentId = decision.agentId();
    lastAssignedAt.put(decision.agentId(), decision.occurredAt());
    waitingLines.get(decision.channelId()).remove(decision.sessionId());
    recorded.put(decision.id(), decision);
    return ReserveResult.RESERVED;
  }

  @Override
  public synchronized boolean claimNoAgentAnnouncement(NoAgentAvailable announcement) {
    Session session = sessions.get(announcement.sessionId());
    if (session == null
        || session.state != State.WAITING
        || !session.channelId.equals(announcement.channelId())
        || session.noAgentAnnounced) {
      return false;
    }
    session.noAgentAnnounced = true;
    recorded.put(announcement.id(), announcement);
    return true;
  }

  @Override
  public synchronized Released release(String channelId, String sessionId, Instant at) {
    Session session = sessions.get(sessionId);
    if (session != null && session.state == State.CLOSED) {
      return new Released(null);
    }
    String agentId = null;
    if (session != null && session.state == State.ASSIGNED) {
      agentId = session.agentId;
      openSessions.get(agentId).remove(sessionId);
    }
    waitingLines.getOrDefault(channelId, new LinkedHashSet<>()).remove(sessionId);
    if (session == null) {
      session = new Session();
      session.channelId = channelId;
      sessions.put(sessionId, session);
    }
    session.state = State.CLOSED;
    return new Released(agentId);
  }

  @Override
  public synchronized boolean presenceChanged(
      String agentId, PresenceStatus status, boolean clockedIn, Instant at) {
    Instant known = presenceAt.get(agentId);
    if (known != null && known.isAfter(at)) {
      return false;
    }
    presence.put(agentId, status);
    presenceAt.put(agentId, at);
    return true;
  }
}
