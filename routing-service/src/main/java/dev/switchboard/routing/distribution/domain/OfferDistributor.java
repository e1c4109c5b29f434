package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.routing.distribution.domain.LiveAgentState.AcceptResult;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Accepted;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Enqueued;
import dev.switchboard.routing.distribution.domain.LiveAgentState.NewOffer;
import dev.switchboard.routing.distribution.domain.LiveAgentState.OfferProgress;
import dev.switchboard.routing.distribution.domain.LiveAgentState.OpenOffer;
import dev.switchboard.routing.distribution.domain.LiveAgentState.OpenResult;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Released;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The two distribution modes that go through offers: STRICT_ORDER (Q3, Q5) and ALL (Q4).
 *
 * <ul>
 *   <li>STRICT_ORDER: a waiting session is offered to the first available agent with room in queue
 *       order. The offer expires at now + the channel's idle time (Q5); expired, declined, refused
 *       for lack of room or withdrawn because the agent went away, it passes to the next available
 *       agent with room after the one it was offered to, round the queue.
 *   <li>ALL: a waiting session is offered to every available agent with room at once; the first to
 *       accept gets it and the others' offers are withdrawn in the same step. An ALL offer does not
 *       expire.
 * </ul>
 *
 * <p><b>Rounds.</b> An agent who passed on a session (declined it, let it expire, went away while
 * holding it, was refused for lack of room) is not offered that session again in the same round.
 * When every eligible agent has passed, the round is over: {@code NoAgentAvailable(ALL_PASSED)} is
 * announced once per queueing and the session waits like any waiting session; a new round starts
 * when an agent comes online or frees up (a session closes), or the configuration changes.
 *
 * <p>Room counts open offers: an agent is offered a session only while their open sessions (all
 * channels) plus their open offers stay below the channel's limit (Q7). The acceptance is one
 * atomic step of {@link LiveAgentState#accept}, which checks availability and the limit again. A
 * session stays in its channel's waiting line until accepted, so the line keeps arrival order and
 * an accepted session is assigned once.
 *
 * <p>Every offer lives in {@link LiveAgentState} (Redis in the service), changed only by its atomic
 * steps, so two instances never both settle one offer. Plain Java, driven by the injected clock:
 * {@link #expireDueOffers()} is called by whoever keeps time.
 *
 * <p>TODO(issue 5): an agent who comes online is not added to an ALL offer already open (they get
 * the sessions offered after that); a channel whose mode changes keeps its open offers until they
 * end.
 */
public final class OfferDistributor {

  static final Duration SHORTEST_IDLE_TIME = Duration.ofMinutes(1);
  static final Duration LONGEST_IDLE_TIME = Duration.ofHours(12);
  private static final int EXPIRY_BATCH = 100;

  private final RoutingConfig config;
  private final LiveAgentState state;
  private final Announcer announcer;
  private final Clock clock;
  private final Duration defaultIdleTime;
  private final Consumer<String> evenlyLines;

  /**
   * @param defaultIdleTime Q5 for a channel whose configuration does not say: 1 minute to 12 hours
   */
  public OfferDistributor(
      RoutingConfig config,
      LiveAgentState state,
      Announcer announcer,
      Clock clock,
      Duration defaultIdleTime) {
    this(config, state, announcer, clock, defaultIdleTime, channelId -> {});
  }

  /**
   * @param evenlyLines serves the waiting line of an EVENLY channel, when an offer ending frees
   *     room there
   */
  public OfferDistributor(
      RoutingConfig config,
      LiveAgentState state,
      Announcer announcer,
      Clock clock,
      Duration defaultIdleTime,
      Consumer<String> evenlyLines) {
    requireIdleTime(defaultIdleTime);
    this.config = config;
    this.state = state;
    this.announcer = announcer;
    this.clock = clock;
    this.defaultIdleTime = defaultIdleTime;
    this.evenlyLines = evenlyLines;
  }

  private static void requireIdleTime(Duration idleTime) {
    if (idleTime.compareTo(SHORTEST_IDLE_TIME) < 0 || idleTime.compareTo(LONGEST_IDLE_TIME) > 0) {
      throw new IllegalArgumentException("idle time must be 1 minute to 12 hours: " + idleTime);
    }
  }

  /** What became of an acceptance. */
  public enum AcceptOutcome {
    ASSIGNED,
    /** The offer is no longer open to this agent: expired, withdrawn, declined or taken. */
    NOT_OFFERED,
    /**
     * The agent is offline or at the channel's limit now (offers held in a channel with a higher
     * limit may have been accepted first); the offer passes on as if declined.
     */
    REFUSED
  }

  /**
   * An acceptance in full.
   *
   * @param why what the store found (why it was not assigned, or ASSIGNED / ALREADY_YOURS)
   * @param offerId the offer settled; null when none
   */
  public record Acceptance(AcceptOutcome outcome, AcceptResult why, String offerId) {}

  /** The session's open offer, if any. */
  public Optional<OpenOffer> openOffer(String sessionId) {
    return state.offerOfSession(sessionId);
  }

  /** How many open offers the agent holds, all channels. */
  public int openOffersOf(String agentId) {
    return state.openOffers(List.of(agentId)).getOrDefault(agentId, 0);
  }

  /** A session waits for an agent ({@code SessionQueued}); true when it joined the line now. */
  public boolean sessionQueued(String channelId, String sessionId, String queuedEventId) {
    return sessionQueued(channelId, sessionId, queuedEventId, null);
  }

  /**
   * As {@link #sessionQueued(String, String, String)}; a {@code preferredAgentId} of the queue who
   * is available with room is offered the session alone first, for the idle time (Q5), whatever the
   * mode; when that offer passes, the channel's mode applies (the agent counts as having passed
   * this round).
   */
  public boolean sessionQueued(
      String channelId, String sessionId, String queuedEventId, String preferredAgentId) {
    Enqueued enqueued = state.enqueue(channelId, sessionId, queuedEventId, clock.instant());
    if (enqueued == Enqueued.ALREADY_ASSIGNED || enqueued == Enqueued.ALREADY_CLOSED) {
      return false;
    }
    if (enqueued == Enqueued.QUEUED && preferredAgentId != null) {
      offerToPreferred(channelId, sessionId, preferredAgentId);
    }
    serveWaitingLine(channelId, false);
    if (state.offerOfSession(sessionId).isEmpty()
        && state.progress(sessionId).passed().isEmpty()
        && state.waiting(channelId, 0).contains(sessionId)) {
      NoAgentAvailable noAgent =
          new NoAgentAvailable(
              PlatformEvent.newId(), channelId, sessionId, whyNobody(channelId), clock.instant());
      if (state.claimNoAgentAnnouncement(noAgent)) {
        announcer.announce(noAgent);
      }
    }
    return enqueued == Enqueued.QUEUED;
  }

  /** An agent takes the open offer {@code offerId}. */
  public AcceptOutcome accept(String offerId, String agentId) {
    OpenOffer offer = state.offer(offerId).orElse(null);
    if (offer == null) {
      return AcceptOutcome.NOT_OFFERED;
    }
    return accept(offer.sessionId(), agentId, offerId).outcome();
  }

  /**
   * An agent takes the session it holds an open offer for ({@code POST .../accept}). A repeated
   * accept by the agent who got it is {@link AcceptResult#ALREADY_YOURS}, still ASSIGNED.
   */
  public Acceptance acceptSession(String sessionId, String agentId) {
    return accept(sessionId, agentId, null);
  }

  private Acceptance accept(String sessionId, String agentId, String expectedOfferId) {
    for (int attempt = 0; attempt < 5; attempt++) {
      OpenOffer offer = state.offerOfSession(sessionId).orElse(null);
      if (offer == null
          || !offer.agentIds().contains(agentId)
          || (expectedOfferId != null && !expectedOfferId.equals(offer.offerId()))) {
        Accepted found = state.acceptanceOf(sessionId, agentId);
        AcceptOutcome outcome =
            found.result() == AcceptResult.ALREADY_YOURS && expectedOfferId == null
                ? AcceptOutcome.ASSIGNED
                : AcceptOutcome.NOT_OFFERED;
        return new Acceptance(outcome, found.result(), found.offerId());
      }
      ChannelQueue queue = config.channel(offer.channelId()).orElse(null);
      OptionalInt limit = queue == null ? OptionalInt.empty() : queue.sessionLimit();
      AvailabilityCheck availability =
          queue == null ? AvailabilityCheck.ONLINE : queue.availabilityCheck();
      Instant now = clock.instant();
      AgentAssigned decision =
          new AgentAssigned(
              PlatformEvent.newId(),
              offer.channelId(),
              sessionId,
              agentId,
              AssignmentReason.OFFER_ACCEPTED,
              offer.offerId(),
              now);
      List<String> others =
          offer.agentIds().stream().filter(other -> !other.equals(agentId)).toList();
      OfferWithdrawn withdrawn =
          others.isEmpty()
              ? null
              : new OfferWithdrawn(
                  PlatformEvent.newId(),
                  offer.channelId(),
                  sessionId,
                  offer.offerId(),
                  others,
                  WithdrawalReason.ACCEPTED_BY_ANOTHER_AGENT,
                  now);
      LimitExclusion exclusion = queue == null ? LimitExclusion.NONE : queue.limitExclusion();
      Accepted accepted =
          state.accept(decision, offer.agentIds(), withdrawn, limit, availability, exclusion);
      switch (accepted.result()) {
        case ASSIGNED -> {
          announcer.announce(decision);
          if (withdrawn != null) {
            announcer.announce(withdrawn);
          }
          // The others' places under their limits are free again, in every channel they work in.
          serveChannelsOf(offer.channelId(), others, false);
          return new Acceptance(AcceptOutcome.ASSIGNED, AcceptResult.ASSIGNED, offer.offerId());
        }
        case OFFER_CHANGED -> {
          // Read again.
        }
        case AGENT_UNAVAILABLE, AT_CAPACITY -> {
          leave(offer, agentId, WithdrawalReason.AGENT_UNAVAILABLE);
          return new Acceptance(AcceptOutcome.REFUSED, accepted.result(), offer.offerId());
        }
        default -> {
          return new Acceptance(AcceptOutcome.NOT_OFFERED, accepted.result(), null);
        }
      }
    }
    return new Acceptance(AcceptOutcome.NOT_OFFERED, AcceptResult.OFFER_CHANGED, null);
  }

  /** The agent declines the open offer {@code offerId}; it passes on (STRICT_ORDER) at once. */
  public boolean decline(String offerId, String agentId) {
    OpenOffer offer = state.offer(offerId).orElse(null);
    return offer != null
        && offer.agentIds().contains(agentId)
        && leave(offer, agentId, WithdrawalReason.DECLINED);
  }

  /**
   * The agent declines the session it holds an open offer for ({@code POST .../decline}); the offer
   * id declined, or empty when the agent held none.
   */
  public Optional<String> declineSession(String sessionId, String agentId) {
    OpenOffer offer = state.offerOfSession(sessionId).orElse(null);
    if (offer == null || !offer.agentIds().contains(agentId)) {
      return Optional.empty();
    }
    return leave(offer, agentId, WithdrawalReason.DECLINED)
        ? Optional.of(offer.offerId())
        : Optional.empty();
  }

  /** Why an agent holds no open offer for the session (for the answer to an accept or decline). */
  public AcceptResult whyNotHeld(String sessionId, String agentId) {
    return state.acceptanceOf(sessionId, agentId).result();
  }

  /**
   * Expires every STRICT_ORDER offer whose idle time is over and passes it on. Each expiry is
   * claimed in one atomic step, so when several instances call this at once every offer expires
   * once.
   */
  public int expireDueOffers() {
    Instant now = clock.instant();
    int expired = 0;
    List<String> due;
    do {
      due = state.dueOffers(now, EXPIRY_BATCH);
      for (String offerId : due) {
        OpenOffer offer = state.offer(offerId).orElse(null);
        if (offer == null) {
          continue;
        }
        OfferExpired expiry =
            new OfferExpired(
                PlatformEvent.newId(),
                offer.channelId(),
                offer.sessionId(),
                offer.offerId(),
                offer.agentIds(),
                now);
        if (state.expire(expiry, now)) {
          expired++;
          announcer.announce(expiry);
          serveChannelsOf(offer.channelId(), offer.agentIds(), false);
        }
      }
    } while (due.size() == EXPIRY_BATCH);
    return expired;
  }

  /** A session is being transferred: its open offer, if any, is withdrawn. */
  public void withdrawForTransfer(String sessionId) {
    OpenOffer offer = state.offerOfSession(sessionId).orElse(null);
    if (offer == null) {
      return;
    }
    OfferWithdrawn withdrawn =
        new OfferWithdrawn(
            PlatformEvent.newId(),
            offer.channelId(),
            sessionId,
            offer.offerId(),
            offer.agentIds(),
            WithdrawalReason.SESSION_TRANSFERRED,
            clock.instant());
    if (state.leave(withdrawn, false)) {
      announcer.announce(withdrawn);
    }
  }

  /** A session was closed: its offer is withdrawn, its agent's load drops. */
  public void sessionClosed(String channelId, String sessionId) {
    OpenOffer offer = state.offerOfSession(sessionId).orElse(null);
    List<String> freed = new ArrayList<>();
    if (offer != null) {
      OfferWithdrawn withdrawn =
          new OfferWithdrawn(
              PlatformEvent.newId(),
              offer.channelId(),
              sessionId,
              offer.offerId(),
              offer.agentIds(),
              WithdrawalReason.SESSION_CLOSED,
              clock.instant());
      if (state.leave(withdrawn, false)) {
        announcer.announce(withdrawn);
        freed.addAll(offer.agentIds());
      }
    }
    Released released = state.release(channelId, sessionId, clock.instant());
    if (released.agentId() != null) {
      freed.add(released.agentId());
    }
    serveChannelsOf(channelId, freed, released.agentId() != null);
  }

  /**
   * An agent's presence changed: going away or offline withdraws the agent's open offers (they pass
   * on); an online agent who is not clocked in loses those of channels that require clocking in
   * (Q6), and keeps the others; coming online or clocking in may give the agent waiting sessions
   * and starts new rounds.
   */
  public void presenceChanged(
      String agentId, PresenceStatus status, boolean clockedIn, Instant at) {
    boolean recorded = state.presenceChanged(agentId, status, clockedIn, at);
    if (!recorded) {
      return;
    }
    if (status != PresenceStatus.ONLINE) {
      for (OpenOffer offer : state.offersOf(agentId)) {
        leave(offer, agentId, WithdrawalReason.AGENT_UNAVAILABLE);
      }
      return;
    }
    if (!clockedIn) {
      for (OpenOffer offer : state.offersOf(agentId)) {
        if (requiresClockIn(offer.channelId())) {
          leave(offer, agentId, WithdrawalReason.AGENT_UNAVAILABLE);
        }
      }
    }
    serveChannelsOf(null, List.of(agentId), true);
  }

  private boolean requiresClockIn(String channelId) {
    return config
        .channel(channelId)
        .map(queue -> queue.availabilityCheck().requiresClockIn())
        .orElse(false);
  }

  /** Offers the channel's waiting sessions that have no open offer, oldest first. */
  public void serveWaitingLine(String channelId) {
    serveWaitingLine(channelId, false);
  }

  /**
   * Offers the channel's waiting sessions that have no open offer, oldest first.
   *
   * @param newRound an agent came online or freed up: a session every eligible agent passed on
   *     starts a new round
   */
  public void serveWaitingLine(String channelId, boolean newRound) {
    ChannelQueue queue = config.channel(channelId).orElse(null);
    if (queue == null
        || !queue.hasAgents()
        || queue.distributionMode() == DistributionMode.EVENLY) {
      return;
    }
    // Who could take an offer changes only when one is made: read it again only then.
    List<Boolean> eligible = null;
    for (String sessionId : state.waiting(channelId, 0)) {
      OpenOffer open = state.offerOfSession(sessionId).orElse(null);
      if (open != null) {
        if (!joinable(queue, open)) {
          continue;
        }
        if (eligible == null) {
          eligible = eligibility(queue);
          if (!eligible.contains(true)) {
            return;
          }
        }
        if (join(queue, open, eligible)) {
          eligible = null;
        }
        continue;
      }
      if (eligible == null) {
        eligible = eligibility(queue);
        if (!eligible.contains(true)) {
          return;
        }
      }
      if (offer(queue, sessionId, eligible, newRound)) {
        eligible = null;
      }
    }
  }

  /**
   * The agents of the queue a session could be offered to now: available (Q6) and with room under
   * the limit counting their open offers.
   */
  private List<Boolean> eligibility(ChannelQueue queue) {
    Instant now = clock.instant();
    Map<String, AgentLiveState> live = state.agents(queue.agentIds());
    Map<String, Integer> offers =
        queue.sessionLimit().isEmpty() ? Map.of() : state.openOffers(queue.agentIds());
    Map<String, Integer> excluded =
        queue.sessionLimit().isEmpty() || queue.limitExclusion() == LimitExclusion.NONE
            ? Map.of()
            : state.excludedFromLimit(queue.agentIds(), queue.limitExclusion());
    List<Boolean> eligible = new ArrayList<>();
    for (String agentId : queue.agentIds()) {
      AgentLiveState agent = live.getOrDefault(agentId, AgentLiveState.unknown(agentId));
      AgentEntry entry = config.agent(agentId).orElse(null);
      boolean available =
          AgentAvailability.isAvailable(agent, entry, now, queue.availabilityCheck());
      boolean room =
          queue.sessionLimit().isEmpty()
              || agent.load() - excluded.getOrDefault(agentId, 0) + offers.getOrDefault(agentId, 0)
                  < queue.sessionLimit().getAsInt();
      eligible.add(available && room);
    }
    return eligible;
  }

  /** Offers one waiting session; true when an offer was made. */
  private boolean offer(
      ChannelQueue queue, String sessionId, List<Boolean> eligible, boolean newRound) {
    OfferProgress progress = state.progress(sessionId);
    List<Integer> positions = new ArrayList<>();
    for (int position = 0; position < eligible.size(); position++) {
      if (eligible.get(position) && !progress.passed().contains(queue.agentIds().get(position))) {
        positions.add(position);
      }
    }
    boolean startsRound = false;
    if (positions.isEmpty()) {
      // Every eligible agent passed on it this round.
      if (!newRound) {
        announceAllPassed(queue.channelId(), sessionId);
        return false;
      }
      for (int position = 0; position < eligible.size(); position++) {
        if (eligible.get(position)) {
          positions.add(position);
        }
      }
      startsRound = true;
    }
    while (!positions.isEmpty()) {
      List<Integer> chosen =
          queue.distributionMode() == DistributionMode.STRICT_ORDER
              ? List.of(next(positions, progress.lastPosition()))
              : positions;
      List<String> agentIds = chosen.stream().map(queue.agentIds()::get).toList();
      boolean strict = queue.distributionMode() == DistributionMode.STRICT_ORDER;
      Instant now = clock.instant();
      OfferMade made =
          new OfferMade(
              PlatformEvent.newId(),
              queue.channelId(),
              sessionId,
              PlatformEvent.newId(),
              agentIds,
              queue.distributionMode(),
              strict ? now.plus(idleTime(queue)) : null,
              now);
      OpenResult result =
          state.open(
              new NewOffer(
                  made,
                  strict ? chosen.get(0) : -1,
                  queue.sessionLimit(),
                  queue.availabilityCheck(),
                  startsRound,
                  queue.limitExclusion()));
      switch (result.outcome()) {
        case OPENED -> {
          announcer.announce(made);
          return true;
        }
        case AGENT_CHANGED ->
            positions.remove(Integer.valueOf(queue.agentIds().indexOf(result.agentId())));
        default -> {
          return false;
        }
      }
    }
    return false;
  }

  /** An ALL offer to the whole queue (not a preferred agent's, which expires) takes newcomers. */
  private static boolean joinable(ChannelQueue queue, OpenOffer offer) {
    return queue.distributionMode() == DistributionMode.ALL
        && offer.mode() == DistributionMode.ALL
        && offer.expiresAt() == null;
  }

  /**
   * ALL (Q4): the eligible agents of the queue who do not hold the open offer and did not pass on
   * it this round (they came online or freed up since it was made) join it, each announced by an
   * {@code OfferMade} with the same offer id naming just that agent. True when anyone joined.
   */
  private boolean join(ChannelQueue queue, OpenOffer offer, List<Boolean> eligible) {
    Set<String> passed = null;
    boolean joined = false;
    for (int position = 0; position < eligible.size(); position++) {
      String agentId = queue.agentIds().get(position);
      if (!eligible.get(position) || offer.agentIds().contains(agentId)) {
        continue;
      }
      if (passed == null) {
        passed = state.progress(offer.sessionId()).passed();
      }
      if (passed.contains(agentId)) {
        continue;
      }
      OfferMade made =
          new OfferMade(
              PlatformEvent.newId(),
              offer.channelId(),
              offer.sessionId(),
              offer.offerId(),
              List.of(agentId),
              DistributionMode.ALL,
              null,
              clock.instant());
      LiveAgentState.JoinResult result =
          state.join(made, queue.sessionLimit(), queue.availabilityCheck(), queue.limitExclusion());
      if (result == LiveAgentState.JoinResult.JOINED) {
        announcer.announce(made);
        joined = true;
      } else if (result == LiveAgentState.JoinResult.OFFER_CLOSED) {
        return joined;
      }
    }
    return joined;
  }

  private void offerToPreferred(String channelId, String sessionId, String agentId) {
    ChannelQueue queue = config.channel(channelId).orElse(null);
    if (queue == null || !queue.contains(agentId)) {
      return;
    }
    int position = queue.agentIds().indexOf(agentId);
    if (!eligibility(queue).get(position)) {
      return;
    }
    Instant now = clock.instant();
    OfferMade made =
        new OfferMade(
            PlatformEvent.newId(),
            channelId,
            sessionId,
            PlatformEvent.newId(),
            List.of(agentId),
            queue.distributionMode(),
            now.plus(idleTime(queue)),
            now);
    OpenResult result =
        state.open(
            new NewOffer(
                made,
                // STRICT_ORDER carries on after the preferred agent; ALL keeps its -1.
                queue.distributionMode() == DistributionMode.STRICT_ORDER ? position : -1,
                queue.sessionLimit(),
                queue.availabilityCheck(),
                false,
                queue.limitExclusion()));
    if (result.outcome() == LiveAgentState.OpenOutcome.OPENED) {
      announcer.announce(made);
    }
  }

  /** The first position after {@code last}, round the queue. */
  private static Integer next(List<Integer> positions, int last) {
    for (Integer position : positions) {
      if (position > last) {
        return position;
      }
    }
    return positions.get(0);
  }

  private Duration idleTime(ChannelQueue queue) {
    Duration idle = queue.offerTimeout();
    if (idle == null) {
      return defaultIdleTime;
    }
    if (idle.compareTo(SHORTEST_IDLE_TIME) < 0) {
      return SHORTEST_IDLE_TIME;
    }
    return idle.compareTo(LONGEST_IDLE_TIME) > 0 ? LONGEST_IDLE_TIME : idle;
  }

  private void announceAllPassed(String channelId, String sessionId) {
    NoAgentAvailable allPassed =
        new NoAgentAvailable(
            PlatformEvent.newId(), channelId, sessionId, NoAgentReason.ALL_PASSED, clock.instant());
    if (state.claimNoAgentAnnouncement(allPassed)) {
      announcer.announce(allPassed);
    }
  }

  /**
   * One agent leaves the offer (declined, refused, gone) and passes on the session this round; the
   * offer moves on. True when the agent still held it.
   */
  private boolean leave(OpenOffer offer, String agentId, WithdrawalReason reason) {
    OfferWithdrawn withdrawn =
        new OfferWithdrawn(
            PlatformEvent.newId(),
            offer.channelId(),
            offer.sessionId(),
            offer.offerId(),
            List.of(agentId),
            reason,
            clock.instant());
    if (!state.leave(withdrawn, true)) {
      return false;
    }
    announcer.announce(withdrawn);
    serveChannelsOf(offer.channelId(), List.of(agentId), false);
    return true;
  }

  /** Serves the channel's line, then those of every channel holding one of the agents. */
  private void serveChannelsOf(String channelId, List<String> agentIds, boolean newRound) {
    Set<String> channelIds = new LinkedHashSet<>();
    if (channelId != null) {
      channelIds.add(channelId);
    }
    agentIds.forEach(agentId -> channelIds.addAll(config.channelsWithAgent(agentId)));
    for (String id : channelIds) {
      DistributionMode mode =
          config.channel(id).map(ChannelQueue::distributionMode).orElse(DistributionMode.EVENLY);
      if (mode == DistributionMode.EVENLY) {
        evenlyLines.accept(id);
      } else {
        serveWaitingLine(id, newRound);
      }
    }
  }

  private NoAgentReason whyNobody(String channelId) {
    ChannelQueue queue = config.channel(channelId).orElse(null);
    if (queue == null || !queue.hasAgents()) {
      return NoAgentReason.QUEUE_EMPTY;
    }
    Instant now = clock.instant();
    Map<String, AgentLiveState> live = state.agents(queue.agentIds());
    boolean someoneAvailable =
        queue.agentIds().stream()
            .anyMatch(
                agentId ->
                    AgentAvailability.isAvailable(
                        live.getOrDefault(agentId, AgentLiveState.unknown(agentId)),
                        config.agent(agentId).orElse(null),
                        now,
                        queue.availabilityCheck()));
    return someoneAvailable ? NoAgentReason.ALL_AT_CAPACITY : NoAgentReason.NONE_AVAILABLE;
  }
}
