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
import dev.switchboard.routing.distribution.domain.LiveAgentState.Enqueued;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Released;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Reservation;
import dev.switchboard.routing.distribution.domain.LiveAgentState.ReserveResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The two distribution modes that go through offers: STRICT_ORDER (Q3, Q5) and ALL (Q4).
 *
 * <ul>
 *   <li>STRICT_ORDER: a waiting session is offered to the first available agent with room in queue
 *       order. The offer expires at now + the idle time (Q5); expired, declined or refused for lack
 *       of room, it passes to the next available agent with room after the one it was offered to,
 *       and rounds the queue again after the last one.
 *   <li>ALL: a waiting session is offered to every available agent with room at once; the first to
 *       accept gets it and the others' offers are withdrawn in the same step. An ALL offer does not
 *       expire. An agent who declines is not offered that session again; a session everyone
 *       declined waits for an agent who has not.
 * </ul>
 *
 * Room counts open offers: an agent is offered a session only while their open sessions (all
 * channels) plus their open offers stay below the channel's limit (Q7), so every offer made can be
 * accepted unless another channel filled the agent meanwhile; the acceptance itself is the atomic
 * {@link LiveAgentState#tryReserve}, which checks the limit again. A session stays in its channel's
 * waiting line until accepted, so the line keeps arrival order and an accepted session is assigned
 * once.
 *
 * <p>Plain Java, driven by the injected clock: {@link #expireDueOffers()} is called by whoever
 * keeps time. It handles channels whose mode is STRICT_ORDER or ALL; an EVENLY channel's line is
 * left to {@link Distributor}.
 *
 * <p>TODO(issue 5): domain only. The open offers live in this object's memory, not yet in Redis;
 * not yet wired to Kafka ({@code SessionAccepted}, {@code OfferMade/Expired/Withdrawn}), nor to a
 * durable expiry timer; the idle time is one value for every channel until the channel
 * configuration carries Q5; {@link Distributor} still routes every channel the EVENLY way; a
 * channel whose mode changes keeps its open offers until they end; an agent who comes online is not
 * added to an ALL offer already open.
 */
public final class OfferDistributor {

  static final Duration SHORTEST_IDLE_TIME = Duration.ofMinutes(1);
  static final Duration LONGEST_IDLE_TIME = Duration.ofHours(12);

  private final RoutingConfig config;
  private final LiveAgentState state;
  private final Announcer announcer;
  private final Clock clock;
  private final Duration idleTime;

  private final Map<String, Offer> offersById = new LinkedHashMap<>();
  private final Map<String, Offer> offerOfSession = new HashMap<>();
  private final Map<String, Integer> openOffersOfAgent = new HashMap<>();
  private final Map<String, Integer> lastOfferedPosition = new HashMap<>();
  private final Map<String, Set<String>> declinedBy = new HashMap<>();

  /**
   * @param idleTime Q5, how long a STRICT_ORDER offer waits before passing on: 1 minute to 12 hours
   */
  public OfferDistributor(
      RoutingConfig config,
      LiveAgentState state,
      Announcer announcer,
      Clock clock,
      Duration idleTime) {
    if (idleTime.compareTo(SHORTEST_IDLE_TIME) < 0 || idleTime.compareTo(LONGEST_IDLE_TIME) > 0) {
      throw new IllegalArgumentException("idle time must be 1 minute to 12 hours: " + idleTime);
    }
    this.config = config;
    this.state = state;
    this.announcer = announcer;
    this.clock = clock;
    this.idleTime = idleTime;
  }

  /** An open offer as others may see it. */
  public record OpenOffer(
      String offerId,
      String channelId,
      String sessionId,
      DistributionMode mode,
      List<String> agentIds,
      int queuePosition,
      Instant expiresAt) {}

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

  private static final class Offer {
    final String offerId;
    final String channelId;
    final String sessionId;
    final DistributionMode mode;
    final LinkedHashSet<String> agentIds;
    final int queuePosition;
    final Instant expiresAt;

    Offer(
        String channelId,
        String sessionId,
        DistributionMode mode,
        List<String> agentIds,
        int queuePosition,
        Instant expiresAt) {
      this.offerId = PlatformEvent.newId();
      this.channelId = channelId;
      this.sessionId = sessionId;
      this.mode = mode;
      this.agentIds = new LinkedHashSet<>(agentIds);
      this.queuePosition = queuePosition;
      this.expiresAt = expiresAt;
    }

    OpenOffer view() {
      return new OpenOffer(
          offerId, channelId, sessionId, mode, List.copyOf(agentIds), queuePosition, expiresAt);
    }
  }

  /** The session's open offer, if any. */
  public Optional<OpenOffer> openOffer(String sessionId) {
    return Optional.ofNullable(offerOfSession.get(sessionId)).map(Offer::view);
  }

  /** How many open offers the agent holds, all channels. */
  public int openOffersOf(String agentId) {
    return openOffersOfAgent.getOrDefault(agentId, 0);
  }

  /** Whether the agent declined the session (ALL: not offered it again). */
  public boolean declined(String sessionId, String agentId) {
    return declinedBy.getOrDefault(sessionId, Set.of()).contains(agentId);
  }

  /** A session waits for an agent ({@code SessionQueued}); true when it joined the line now. */
  public boolean sessionQueued(String channelId, String sessionId, String queuedEventId) {
    Enqueued enqueued = state.enqueue(channelId, sessionId, queuedEventId, clock.instant());
    if (enqueued == Enqueued.ALREADY_ASSIGNED || enqueued == Enqueued.ALREADY_CLOSED) {
      return false;
    }
    serveWaitingLine(channelId);
    if (!offerOfSession.containsKey(sessionId) && state.waiting(channelId, 0).contains(sessionId)) {
      NoAgentAvailable noAgent =
          new NoAgentAvailable(
              PlatformEvent.newId(), channelId, sessionId, whyNobody(channelId), clock.instant());
      if (state.claimNoAgentAnnouncement(noAgent)) {
        announcer.announce(noAgent);
      }
    }
    return enqueued == Enqueued.QUEUED;
  }

  /** An agent takes an offered session (what session-service records as SessionAccepted). */
  public AcceptOutcome accept(String offerId, String agentId) {
    Offer offer = offersById.get(offerId);
    if (offer == null || !offer.agentIds.contains(agentId)) {
      return AcceptOutcome.NOT_OFFERED;
    }
    ChannelQueue queue = config.channel(offer.channelId).orElse(null);
    OptionalInt limit = queue == null ? OptionalInt.empty() : queue.sessionLimit();
    boolean requireOnline = queue == null || queue.checkAvailability();
    Instant now = clock.instant();
    AgentAssigned decision =
        new AgentAssigned(
            PlatformEvent.newId(),
            offer.channelId,
            offer.sessionId,
            agentId,
            AssignmentReason.OFFER_ACCEPTED,
            offer.offerId,
            now);
    // The offer held a place under the limit for this agent; give it back before the check.
    forget(offer, agentId);
    List<String> others = List.copyOf(offer.agentIds);
    ReserveResult result =
        state.tryReserve(new Reservation(decision, limit, OptionalInt.empty(), requireOnline));
    switch (result) {
      case RESERVED -> {
        announcer.announce(decision);
        closeOffer(offer, WithdrawalReason.ACCEPTED_BY_ANOTHER_AGENT);
        forgetSession(offer.sessionId);
        // The others' places under their limits are free again, in every channel they work in.
        serveChannelsOf(offer.channelId, others);
        return AcceptOutcome.ASSIGNED;
      }
      case SESSION_NOT_WAITING -> {
        closeOffer(offer, WithdrawalReason.SESSION_CLOSED);
        forgetSession(offer.sessionId);
        serveChannelsOf(offer.channelId, others);
        return AcceptOutcome.NOT_OFFERED;
      }
      default -> {
        withdraw(offer, List.of(agentId), WithdrawalReason.AGENT_UNAVAILABLE);
        afterAgentLeftOffer(offer, agentId);
        return AcceptOutcome.REFUSED;
      }
    }
  }

  /** The agent declines an offered session; it passes on (STRICT_ORDER) at once. */
  public boolean decline(String offerId, String agentId) {
    Offer offer = offersById.get(offerId);
    if (offer == null || !offer.agentIds.contains(agentId)) {
      return false;
    }
    forget(offer, agentId);
    declinedBy.computeIfAbsent(offer.sessionId, s -> new HashSet<>()).add(agentId);
    withdraw(offer, List.of(agentId), WithdrawalReason.DECLINED);
    afterAgentLeftOffer(offer, agentId);
    return true;
  }

  /** Expires every STRICT_ORDER offer whose idle time is over and passes it on. */
  public void expireDueOffers() {
    Instant now = clock.instant();
    List<Offer> due =
        offersById.values().stream()
            .filter(offer -> offer.expiresAt != null && !offer.expiresAt.isAfter(now))
            .toList();
    for (Offer offer : due) {
      if (offersById.get(offer.offerId) != offer) {
        continue;
      }
      List<String> agentIds = List.copyOf(offer.agentIds);
      agentIds.forEach(agentId -> forget(offer, agentId));
      removeOffer(offer);
      announcer.announce(
          new OfferExpired(
              PlatformEvent.newId(),
              offer.channelId,
              offer.sessionId,
              offer.offerId,
              agentIds,
              now));
      serveChannelsOf(offer.channelId, agentIds);
    }
  }

  /** A session was closed: its offer is withdrawn, its agent's load drops. */
  public void sessionClosed(String channelId, String sessionId) {
    Offer offer = offerOfSession.get(sessionId);
    List<String> offeredTo = List.of();
    if (offer != null) {
      offeredTo = List.copyOf(offer.agentIds);
      closeOffer(offer, WithdrawalReason.SESSION_CLOSED);
    }
    forgetSession(sessionId);
    Released released = state.release(channelId, sessionId, clock.instant());
    List<String> freed = new ArrayList<>(offeredTo);
    if (released.agentId() != null) {
      freed.add(released.agentId());
    }
    serveChannelsOf(channelId, freed);
  }

  /**
   * An agent's presence changed: going away or offline withdraws the agent's open offers (they pass
   * on); coming online may give the agent waiting sessions.
   */
  public void presenceChanged(
      String agentId, PresenceStatus status, boolean clockedIn, Instant at) {
    boolean recorded = state.presenceChanged(agentId, status, clockedIn, at);
    if (!recorded) {
      return;
    }
    if (status != PresenceStatus.ONLINE) {
      List<Offer> held =
          offersById.values().stream().filter(o -> o.agentIds.contains(agentId)).toList();
      for (Offer offer : held) {
        forget(offer, agentId);
        withdraw(offer, List.of(agentId), WithdrawalReason.AGENT_UNAVAILABLE);
        afterAgentLeftOffer(offer, agentId);
      }
    }
    serveChannelsOf(null, List.of(agentId));
  }

  /** Offers the channel's waiting sessions that have no open offer, oldest first. */
  public void serveWaitingLine(String channelId) {
    ChannelQueue queue = config.channel(channelId).orElse(null);
    if (queue == null
        || !queue.hasAgents()
        || queue.distributionMode() == DistributionMode.EVENLY) {
      return;
    }
    // Who could take an offer changes only when one is made: read it again only then.
    List<Boolean> eligible = null;
    for (String sessionId : state.waiting(channelId, 0)) {
      if (offerOfSession.containsKey(sessionId)) {
        continue;
      }
      if (eligible == null) {
        eligible = eligibility(queue);
      }
      boolean offered =
          queue.distributionMode() == DistributionMode.STRICT_ORDER
              ? offerInQueueOrder(queue, sessionId, eligible)
              : offerToAll(queue, sessionId, eligible);
      if (offered) {
        eligible = null;
      } else if (queue.distributionMode() == DistributionMode.STRICT_ORDER) {
        // Nobody has room for this session, so nobody has for the newer ones either.
        return;
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
    List<Boolean> eligible = new ArrayList<>();
    for (String agentId : queue.agentIds()) {
      AgentLiveState agent = live.getOrDefault(agentId, AgentLiveState.unknown(agentId));
      AgentEntry entry = config.agent(agentId).orElse(null);
      boolean available =
          AgentAvailability.isAvailable(agent, entry, now, queue.checkAvailability());
      boolean room =
          queue.sessionLimit().isEmpty()
              || agent.load() + openOffersOf(agentId) < queue.sessionLimit().getAsInt();
      eligible.add(available && room);
    }
    return eligible;
  }

  private boolean offerInQueueOrder(ChannelQueue queue, String sessionId, List<Boolean> eligible) {
    int size = queue.agentIds().size();
    int start = lastOfferedPosition.getOrDefault(sessionId, -1) + 1;
    for (int step = 0; step < size; step++) {
      int position = (start + step) % size;
      if (eligible.get(position)) {
        lastOfferedPosition.put(sessionId, position);
        makeOffer(
            queue,
            sessionId,
            List.of(queue.agentIds().get(position)),
            position,
            clock.instant().plus(idleTime));
        return true;
      }
    }
    return false;
  }

  private boolean offerToAll(ChannelQueue queue, String sessionId, List<Boolean> eligible) {
    Set<String> declined = declinedBy.getOrDefault(sessionId, Set.of());
    List<String> agentIds = new ArrayList<>();
    for (int position = 0; position < eligible.size(); position++) {
      String agentId = queue.agentIds().get(position);
      if (eligible.get(position) && !declined.contains(agentId)) {
        agentIds.add(agentId);
      }
    }
    if (agentIds.isEmpty()) {
      return false;
    }
    makeOffer(queue, sessionId, agentIds, -1, null);
    return true;
  }

  private void makeOffer(
      ChannelQueue queue,
      String sessionId,
      List<String> agentIds,
      int position,
      Instant expiresAt) {
    Offer offer =
        new Offer(
            queue.channelId(), sessionId, queue.distributionMode(), agentIds, position, expiresAt);
    offersById.put(offer.offerId, offer);
    offerOfSession.put(sessionId, offer);
    agentIds.forEach(agentId -> openOffersOfAgent.merge(agentId, 1, Integer::sum));
    announcer.announce(
        new OfferMade(
            PlatformEvent.newId(),
            queue.channelId(),
            sessionId,
            offer.offerId,
            agentIds,
            queue.distributionMode(),
            expiresAt,
            clock.instant()));
  }

  /** One agent is off the offer (declined, refused, gone): pass on when nobody is left on it. */
  private void afterAgentLeftOffer(Offer offer, String agentId) {
    if (offer.agentIds.isEmpty()) {
      removeOffer(offer);
    }
    serveChannelsOf(offer.channelId, List.of(agentId));
  }

  /** Takes the agent off the offer and gives back the place it held under the limit. */
  private void forget(Offer offer, String agentId) {
    if (offer.agentIds.remove(agentId)) {
      openOffersOfAgent.merge(agentId, -1, Integer::sum);
    }
  }

  /** Ends the offer; the agents still on it are told it is withdrawn. */
  private void closeOffer(Offer offer, WithdrawalReason reason) {
    List<String> others = List.copyOf(offer.agentIds);
    others.forEach(agentId -> forget(offer, agentId));
    if (!others.isEmpty()) {
      withdraw(offer, others, reason);
    }
    removeOffer(offer);
  }

  private void removeOffer(Offer offer) {
    offersById.remove(offer.offerId);
    offerOfSession.remove(offer.sessionId, offer);
  }

  private void forgetSession(String sessionId) {
    lastOfferedPosition.remove(sessionId);
    declinedBy.remove(sessionId);
  }

  private void withdraw(Offer offer, List<String> agentIds, WithdrawalReason reason) {
    announcer.announce(
        new OfferWithdrawn(
            PlatformEvent.newId(),
            offer.channelId,
            offer.sessionId,
            offer.offerId,
            agentIds,
            reason,
            clock.instant()));
  }

  /** Serves the channel's line, then those of every channel holding one of the agents. */
  private void serveChannelsOf(String channelId, List<String> agentIds) {
    Set<String> channelIds = new LinkedHashSet<>();
    if (channelId != null) {
      channelIds.add(channelId);
    }
    agentIds.forEach(agentId -> channelIds.addAll(config.channelsWithAgent(agentId)));
    channelIds.forEach(this::serveWaitingLine);
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
                        queue.checkAvailability()));
    return someoneAvailable ? NoAgentReason.ALL_AT_CAPACITY : NoAgentReason.NONE_AVAILABLE;
  }
}
