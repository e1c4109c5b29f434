package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Enqueued;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Reservation;
import dev.switchboard.routing.distribution.domain.LiveAgentState.ReserveResult;
import java.time.Clock;
import java.time.Duration;
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
  private final OfferDistributor offers;

  public Distributor(RoutingConfig config, LiveAgentState state, Announcer announcer, Clock clock) {
    this(config, state, announcer, clock, OfferDistributor.SHORTEST_IDLE_TIME);
  }

  /**
   * @param defaultIdleTime Q5 for a STRICT_ORDER channel whose configuration does not say
   */
  public Distributor(
      RoutingConfig config,
      LiveAgentState state,
      Announcer announcer,
      Clock clock,
      Duration defaultIdleTime) {
    this.config = config;
    this.state = state;
    this.announcer = announcer;
    this.clock = clock;
    this.offers =
        new OfferDistributor(config, state, announcer, clock, defaultIdleTime, this::drainEvenly);
  }

  /** STRICT_ORDER and ALL channels: offers, accepts, declines, expiries. */
  public OfferDistributor offers() {
    return offers;
  }

  private boolean evenly(String channelId) {
    return config
            .channel(channelId)
            .map(ChannelQueue::distributionMode)
            .orElse(DistributionMode.EVENLY)
        == DistributionMode.EVENLY;
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
    if (!evenly(channelId)) {
      return offers.sessionQueued(channelId, sessionId, queuedEventId)
          ? QueueOutcome.WAITING
          : QueueOutcome.ALREADY_HANDLED;
    }
    Enqueued enqueued = state.enqueue(channelId, sessionId, queuedEventId, clock.instant());
    if (enqueued == Enqueued.ALREADY_ASSIGNED || enqueued == Enqueued.ALREADY_CLOSED) {
      return QueueOutcome.ALREADY_HANDLED;
    }
    return serveQueued(channelId, sessionId, enqueued);
  }

  /**
   * A session waits for an agent ({@code SessionQueued}) and names an agent to try first ({@code
   * preferredAgentId}, e.g. its previous agent): when that agent is in the channel's queue,
   * available (Q6) and has room (Q7), an EVENLY channel assigns it to them ({@code
   * AgentAssigned(DISTRIBUTION)}) and a STRICT_ORDER or ALL channel offers it to them alone first
   * (for the idle time, Q5); otherwise, or when that offer passes, the channel's normal
   * distribution applies. The preferred agent may get it before older waiting sessions.
   */
  public QueueOutcome sessionQueued(
      String channelId, String sessionId, String queuedEventId, String preferredAgentId) {
    ChannelQueue queue = config.channel(channelId).orElse(null);
    if (preferredAgentId == null || queue == null || !queue.contains(preferredAgentId)) {
      return sessionQueued(channelId, sessionId, queuedEventId);
    }
    if (!evenly(channelId)) {
      return offers.sessionQueued(channelId, sessionId, queuedEventId, preferredAgentId)
          ? QueueOutcome.WAITING
          : QueueOutcome.ALREADY_HANDLED;
    }
    Instant now = clock.instant();
    Enqueued enqueued = state.enqueue(channelId, sessionId, queuedEventId, now);
    if (enqueued == Enqueued.ALREADY_ASSIGNED || enqueued == Enqueued.ALREADY_CLOSED) {
      return QueueOutcome.ALREADY_HANDLED;
    }
    if (enqueued == Enqueued.QUEUED
        && available(queue, preferredAgentId, now)
        && reserveFor(channelId, sessionId, preferredAgentId, AssignmentReason.DISTRIBUTION, now)) {
      return QueueOutcome.ASSIGNED;
    }
    return serveQueued(channelId, sessionId, enqueued);
  }

  private QueueOutcome serveQueued(String channelId, String sessionId, Enqueued enqueued) {
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

  /**
   * A session was closed ({@code SessionClosed}): its open offer is withdrawn, its agent's load
   * drops and the lines that agent serves are served.
   */
  public void sessionClosed(String channelId, String sessionId) {
    offers.sessionClosed(channelId, sessionId);
  }

  /**
   * A session was closed ({@code SessionClosed}) while a rating is awaited until {@code
   * awaitingRatingUntil} (null: closed for good). When the channel counts closed sessions awaiting
   * a rating (Q7c not selected, R1 on), an assigned session keeps its place in its agent's limit
   * until {@link #sessionRated}, a final close or the end of the wait ({@link #releaseDueRatings});
   * otherwise it is closed as usual.
   */
  public void sessionClosed(String channelId, String sessionId, Instant awaitingRatingUntil) {
    Instant now = clock.instant();
    boolean counts =
        config.channel(channelId).map(ChannelQueue::countsClosedAwaitingRating).orElse(false);
    if (awaitingRatingUntil != null
        && counts
        && awaitingRatingUntil.isAfter(now)
        && state.holdForRating(channelId, sessionId, awaitingRatingUntil, now) != null) {
      return;
    }
    sessionClosed(channelId, sessionId);
  }

  /** The client rated the session ({@code SessionRated}): a place held for it (Q7c) is freed. */
  public void sessionRated(String channelId, String sessionId) {
    sessionClosed(channelId, sessionId);
  }

  /** Frees the places held for ratings (Q7c) whose wait is over; how many were freed. */
  public int releaseDueRatings() {
    int released = 0;
    for (String sessionId : state.dueRatings(clock.instant(), WAITING_BATCH)) {
      // A session routing no longer knows is closed all the same, so it leaves the due list.
      sessionClosed(state.channelOf(sessionId).orElse(""), sessionId);
      released++;
    }
    return released;
  }

  /**
   * A message in a session ({@code AgentMessageSent}, {@code ClientMessageReceived}): with Q7a/b,
   * an agent's answer may free a place under a limit, so the agent's lines are served.
   */
  public void messageInSession(String sessionId, String agentId, boolean fromAgent, Instant at) {
    if (state.messageInSession(sessionId, agentId, fromAgent, at) && fromAgent && agentId != null) {
      agentMayTakeMore(agentId);
    }
  }

  /**
   * A session was transferred ({@code SessionTransferred}): it leaves its agent, whose load drops;
   * with {@code toAgentId} it goes to that agent if available (Q6) with room (Q7), even outside the
   * queue ({@code AgentAssigned(TRANSFER)}); otherwise, or with {@code toChannelId}, it goes
   * through the (target) channel's normal distribution as a new queueing.
   */
  public QueueOutcome sessionTransferred(
      String channelId, String sessionId, String toAgentId, String toChannelId, String eventId) {
    String target = toChannelId != null ? toChannelId : channelId;
    offers.withdrawForTransfer(sessionId);
    Instant now = clock.instant();
    LiveAgentState.Requeued requeued = state.requeue(target, sessionId, eventId, now);
    if (!requeued.requeued()) {
      return QueueOutcome.ALREADY_HANDLED;
    }
    if (toChannelId == null && toAgentId != null && transferTo(target, sessionId, toAgentId, now)) {
      freed(requeued.previousAgentId());
      return QueueOutcome.ASSIGNED;
    }
    QueueOutcome outcome = sessionQueued(target, sessionId, eventId);
    freed(requeued.previousAgentId());
    return outcome;
  }

  /**
   * The CRM recognised the session's client (Q14): with the channel's switch on, a session still
   * waiting in that channel (with or without an open offer) goes to the CRM record's responsible
   * person if available (Q6) with room (Q7), even outside the queue ({@code
   * AgentAssigned(RESPONSIBLE_PERSON)}); otherwise it stays in line. A session already assigned in
   * that channel to another agent who has not answered the client yet is moved the same way (one
   * atomic step: the responsible person reserved, the previous agent released); otherwise it stays
   * with its agent. True when assigned.
   */
  public boolean clientRecognised(String channelId, String sessionId, String responsibleAgentId) {
    ChannelQueue queue = config.channel(channelId).orElse(null);
    if (queue == null
        || !queue.transferToResponsible()
        || responsibleAgentId == null
        || responsibleAgentId.isBlank()) {
      return false;
    }
    Instant now = clock.instant();
    if (!state.waiting(channelId, 0).contains(sessionId)) {
      return reassignToResponsible(queue, sessionId, responsibleAgentId, now);
    }
    if (!available(queue, responsibleAgentId, now)
        || !hasRoom(queue, sessionId, responsibleAgentId)) {
      return false;
    }
    offers.withdrawForTransfer(sessionId);
    boolean assigned =
        reserveFor(
            queue.channelId(),
            sessionId,
            responsibleAgentId,
            AssignmentReason.RESPONSIBLE_PERSON,
            now);
    if (!assigned) {
      // Its offer was withdrawn for nothing: offer it again.
      serve(channelId, false);
    }
    return assigned;
  }

  /** Q14 for an assigned session not answered yet: a transfer decided by routing. */
  private boolean reassignToResponsible(
      ChannelQueue queue, String sessionId, String responsibleAgentId, Instant now) {
    if (!available(queue, responsibleAgentId, now)) {
      return false;
    }
    AgentAssigned decision =
        new AgentAssigned(
            PlatformEvent.newId(),
            queue.channelId(),
            sessionId,
            responsibleAgentId,
            AssignmentReason.RESPONSIBLE_PERSON,
            null,
            now);
    LiveAgentState.Reassigned reassigned =
        state.reassign(
            new Reservation(
                decision,
                queue.sessionLimit(),
                OptionalInt.empty(),
                queue.availabilityCheck(),
                queue.limitExclusion()));
    if (reassigned.result() != LiveAgentState.ReassignResult.REASSIGNED) {
      return false;
    }
    announcer.announce(decision);
    freed(reassigned.previousAgentId());
    return true;
  }

  /** Room under the limit counting open offers, the agent's own offer of this session aside. */
  private boolean hasRoom(ChannelQueue queue, String sessionId, String agentId) {
    if (queue.sessionLimit().isEmpty()) {
      return true;
    }
    int load =
        state.agents(List.of(agentId)).getOrDefault(agentId, AgentLiveState.unknown(agentId)).load()
            - state
                .excludedFromLimit(List.of(agentId), queue.limitExclusion())
                .getOrDefault(agentId, 0);
    int held = state.openOffers(List.of(agentId)).getOrDefault(agentId, 0);
    boolean holdsThis =
        offers.openOffer(sessionId).map(o -> o.agentIds().contains(agentId)).orElse(false);
    return load + held - (holdsThis ? 1 : 0) < queue.sessionLimit().getAsInt();
  }

  private boolean available(ChannelQueue queue, String agentId, Instant now) {
    AgentLiveState live =
        state.agents(List.of(agentId)).getOrDefault(agentId, AgentLiveState.unknown(agentId));
    return AgentAvailability.isAvailable(
        live, config.agent(agentId).orElse(null), now, queue.availabilityCheck());
  }

  private boolean reserveFor(
      String channelId, String sessionId, String agentId, AssignmentReason reason, Instant now) {
    ChannelQueue queue = config.channel(channelId).orElse(null);
    AvailabilityCheck availability =
        queue == null ? AvailabilityCheck.ONLINE : queue.availabilityCheck();
    AgentAssigned decision =
        new AgentAssigned(PlatformEvent.newId(), channelId, sessionId, agentId, reason, null, now);
    ReserveResult result =
        state.tryReserve(
            new Reservation(
                decision,
                queue == null ? OptionalInt.empty() : queue.sessionLimit(),
                OptionalInt.empty(),
                availability,
                queue == null ? LimitExclusion.NONE : queue.limitExclusion()));
    if (result == ReserveResult.RESERVED) {
      announcer.announce(decision);
      return true;
    }
    return false;
  }

  private boolean transferTo(String channelId, String sessionId, String agentId, Instant now) {
    ChannelQueue queue =
        config.channel(channelId).orElse(ChannelQueue.evenly(channelId, 0, List.of()));
    return available(queue, agentId, now)
        && reserveFor(channelId, sessionId, agentId, AssignmentReason.TRANSFER, now);
  }

  private void freed(String agentId) {
    if (agentId != null) {
      agentMayTakeMore(agentId);
    }
  }

  /**
   * An agent's presence changed; an agent who comes online or clocks in is given waiting sessions,
   * one who goes away loses the open offers they hold, one who clocks out those of the channels
   * that require clocking in (Q6).
   */
  public void presenceChanged(
      String agentId, PresenceStatus status, boolean clockedIn, Instant at) {
    offers.presenceChanged(agentId, status, clockedIn, at);
  }

  /** A channel's configuration changed: its queue may now have someone for its waiting line. */
  public void channelChanged(String channelId) {
    serve(channelId, true);
  }

  /** An agent's directory entry changed (e.g. dismissal lifted). */
  public void agentChanged(String agentId) {
    agentMayTakeMore(agentId);
  }

  /**
   * Serves every channel's waiting line: a safety net for what no event announces, such as the end
   * of an absence. Only lines with someone waiting are served, found in a few round trips: a broker
   * that holds thousands of channels (every test run adds some) made this pass one Redis call per
   * channel, holding up the sessions behind it longer with every run.
   */
  public void serveAllWaitingLines() {
    for (String channelId : state.channelsWithWaiting(List.copyOf(config.channelIds()))) {
      serve(channelId, false);
    }
  }

  private void agentMayTakeMore(String agentId) {
    for (String channelId : config.channelsWithAgent(agentId)) {
      serve(channelId, true);
    }
  }

  private void serve(String channelId, boolean newRound) {
    if (evenly(channelId)) {
      drainEvenly(channelId);
    } else {
      offers.serveWaitingLine(channelId, newRound);
    }
  }

  /**
   * What serving a waiting line did.
   *
   * @param blockedBy why the oldest remaining session could not be given out; null when the line is
   *     empty
   */
  public record Drained(List<String> assignedSessionIds, NoAgentReason blockedBy) {}

  /**
   * Gives out the channel's waiting sessions, oldest first, until one cannot be given out; a
   * STRICT_ORDER or ALL channel's sessions are offered instead ({@link OfferDistributor}).
   */
  public Drained serveWaitingLine(String channelId) {
    if (!evenly(channelId)) {
      offers.serveWaitingLine(channelId, false);
      return new Drained(List.of(), null);
    }
    return drainEvenly(channelId);
  }

  private Drained drainEvenly(String channelId) {
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
                    decision,
                    queue.sessionLimit(),
                    expectedLoad,
                    queue.availabilityCheck(),
                    queue.limitExclusion()));
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
      if (AgentAvailability.isAvailable(agent, entry, now, queue.availabilityCheck())) {
        available.add(new Candidate(agentId, position, agent.load(), agent.lastAssignedAt()));
      }
    }
    return available;
  }
}
