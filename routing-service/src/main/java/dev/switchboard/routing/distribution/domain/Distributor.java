package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Enqueued;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Released;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Reservation;
import dev.switchboard.routing.distribution.domain.LiveAgentState.ReserveResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Hands queued sessions to agents, the "evenly" way (Q2), among the available agents of the
 * channel's queue (Q6). Every queued session joins its channel's waiting line and the line is
 * served oldest first, so a session never overtakes one that waited longer; a session nobody can
 * take stays in line, is announced once as {@link NoAgentAvailable}, and is given out as soon as an
 * agent comes online, frees up, or the configuration changes.
 *
 * <p>Plain Java: the live state, the configuration, publishing and time are handed in.
 */
public final class Distributor {

  /** How often a decision is re-taken when another one changed the chosen agent's load first. */
  static final int LOAD_CHANGE_RETRIES = 3;

  private static final int WAITING_BATCH = 50;
  private static final int MAX_SESSIONS_PER_DRAIN = 10_000;

  private final RoutingConfig config;
  private final LiveAgentState state;
  private final Announcer announcer;
  private final Clock clock;
  private final EvenlyDistribution evenly = new EvenlyDistribution();

  public Distributor(RoutingConfig config, LiveAgentState state, Announcer announcer, Clock clock) {
    this.config = config;
    this.state = state;
    this.announcer = announcer;
    this.clock = clock;
  }

  /** What became of a queued session. */
  public enum QueueOutcome {
    ASSIGNED,
    /** Nobody could take it; it waits in line ("no agent available" announced once). */
    WAITING,
    /** Already waiting or already assigned: a repeated event, nothing new. */
    ALREADY_HANDLED
  }

  /** A session waits for an agent ({@code SessionQueued}). */
  public QueueOutcome sessionQueued(String channelId, String sessionId, String queuedEventId) {
    Enqueued enqueued = state.enqueue(channelId, sessionId, queuedEventId, clock.instant());
    if (enqueued == Enqueued.ALREADY_ASSIGNED || enqueued == Enqueued.ALREADY_CLOSED) {
      return QueueOutcome.ALREADY_HANDLED;
    }
    Drained drained = serveWaitingLine(channelId);
    if (drained.assignedSessionIds().contains(sessionId)) {
      return QueueOutcome.ASSIGNED;
    }
    if (drained.blockedBy() == null) {
      // Taken by a concurrent decision (another thread serving the same line).
      return QueueOutcome.ALREADY_HANDLED;
    }
    NoAgentAvailable noAgent =
        new NoAgentAvailable(
            PlatformEvent.newId(), channelId, sessionId, drained.blockedBy(), clock.instant());
    if (state.claimNoAgentAnnouncement(noAgent)) {
      announcer.announce(noAgent);
    }
    return enqueued == Enqueued.QUEUED ? QueueOutcome.WAITING : QueueOutcome.ALREADY_HANDLED;
  }

  /** A session was closed ({@code SessionClosed}): its agent's load drops. */
  public void sessionClosed(String channelId, String sessionId) {
    Released released = state.release(channelId, sessionId, clock.instant());
    if (released.agentId() != null) {
      agentMayTakeMore(released.agentId());
    }
  }

  /** An agent's presence changed; an agent who comes online is given waiting sessions. */
  public void presenceChanged(
      String agentId, PresenceStatus status, boolean clockedIn, Instant at) {
    boolean recorded = state.presenceChanged(agentId, status, clockedIn, at);
    if (recorded && status == PresenceStatus.ONLINE) {
      agentMayTakeMore(agentId);
    }
  }

  /** A channel's configuration changed: its queue may now have someone for its waiting line. */
  public void channelChanged(String channelId) {
    serveWaitingLine(channelId);
  }

  /** An agent's directory entry changed (e.g. dismissal lifted). */
  public void agentChanged(String agentId) {
    agentMayTakeMore(agentId);
  }

  /**
   * Serves every channel's waiting line: a safety net for what no event announces, such as the end
   * of an absence.
   */
  public void serveAllWaitingLines() {
    for (String channelId : List.copyOf(config.channelIds())) {
      serveWaitingLine(channelId);
    }
  }

  private void agentMayTakeMore(String agentId) {
    for (String channelId : config.channelsWithAgent(agentId)) {
      serveWaitingLine(channelId);
    }
  }

  /**
   * What serving a waiting line did.
   *
   * @param blockedBy why the oldest remaining session could not be given out; null when the line is
   *     empty
   */
  public record Drained(List<String> assignedSessionIds, NoAgentReason blockedBy) {}

  /** Gives out the channel's waiting sessions, oldest first, until one cannot be given out. */
  public Drained serveWaitingLine(String channelId) {
    List<String> assigned = new ArrayList<>();
    ChannelQueue queue = config.channel(channelId).orElse(null);
    int handled = 0;
    while (handled < MAX_SESSIONS_PER_DRAIN) {
      List<String> waiting = state.waiting(channelId, WAITING_BATCH);
      if (waiting.isEmpty()) {
        return new Drained(assigned, null);
      }
      if (queue == null || !queue.hasAgents()) {
        return new Drained(assigned, NoAgentReason.QUEUE_EMPTY);
      }
      for (String sessionId : waiting) {
        handled++;
        Decision decision = assign(queue, sessionId);
        if (decision.noAgentReason() != null) {
          return new Drained(assigned, decision.noAgentReason());
        }
        if (decision.agentId() != null) {
          assigned.add(sessionId);
        }
      }
    }
    return new Drained(assigned, null);
  }

  /** agentId set: assigned; noAgentReason set: nobody; both null: the session moved on. */
  private record Decision(String agentId, NoAgentReason noAgentReason) {}

  private Decision assign(ChannelQueue queue, String sessionId) {
    for (int attempt = 0; ; attempt++) {
      Instant now = clock.instant();
      List<Candidate> available = availableAgents(queue, now);
      if (available.isEmpty()) {
        return new Decision(null, NoAgentReason.NONE_AVAILABLE);
      }
      boolean someoneAtCapacity = false;
      boolean loadChanged = false;
      for (Candidate candidate : evenly.rank(available)) {
        AgentAssigned decision =
            new AgentAssigned(
                PlatformEvent.newId(),
                queue.channelId(),
                sessionId,
                candidate.agentId(),
                AssignmentReason.DISTRIBUTION,
                null,
                now);
        OptionalInt expectedLoad =
            attempt < LOAD_CHANGE_RETRIES ? OptionalInt.of(candidate.load()) : OptionalInt.empty();
        ReserveResult result =
            state.tryReserve(
                new Reservation(
                    decision, queue.sessionLimit(), expectedLoad, queue.checkAvailability()));
        switch (result) {
          case RESERVED -> {
            announcer.announce(decision);
            return new Decision(candidate.agentId(), null);
          }
          case SESSION_NOT_WAITING -> {
            return new Decision(null, null);
          }
          case AT_CAPACITY -> someoneAtCapacity = true;
          case AGENT_UNAVAILABLE -> {
            // Went offline since the read: try the next one.
          }
          case LOAD_CHANGED -> loadChanged = true;
        }
        if (loadChanged) {
          break;
        }
      }
      if (!loadChanged) {
        return new Decision(
            null, someoneAtCapacity ? NoAgentReason.ALL_AT_CAPACITY : NoAgentReason.NONE_AVAILABLE);
      }
    }
  }

  private List<Candidate> availableAgents(ChannelQueue queue, Instant now) {
    List<String> agentIds = queue.agentIds();
    Map<String, AgentLiveState> live = state.agents(agentIds);
    List<Candidate> available = new ArrayList<>();
    for (int position = 0; position < agentIds.size(); position++) {
      String agentId = agentIds.get(position);
      AgentLiveState agent = live.getOrDefault(agentId, AgentLiveState.unknown(agentId));
      AgentEntry entry = config.agent(agentId).orElse(null);
      if (AgentAvailability.isAvailable(agent, entry, now, queue.checkAvailability())) {
        available.add(new Candidate(agentId, position, agent.load(), agent.lastAssignedAt()));
      }
    }
    return available;
  }
}
