package dev.switchboard.routing.distribution.domain;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.events.routing.WithdrawalReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * {@link LiveAgentState} in memory, with the same rules as the Redis scripts, for tests of the
 * domain without Redis (and for the simulator in {@code distribution.simulation}).
 */
public final class InMemoryLiveAgentState implements LiveAgentState {

  private enum State {
    WAITING,
    ASSIGNED,
    /** Closed, awaiting a rating, still counting (Q7c). */
    RATING,
    CLOSED
  }

  private static final class Session {
    String channelId;
    State state;
    String agentId;
    String queuedEventId;
    boolean noAgentAnnounced;
    boolean allPassedAnnounced;
    String offerId;
    String assignedOfferId;
    String transferEventId;
    boolean movedToResponsible;
    int lastPosition = -1;
    final Set<String> passed = new LinkedHashSet<>();
    final Map<String, AcceptResult> outcomes = new HashMap<>();
  }

  private static final class Offer {
    String offerId;
    String channelId;
    String sessionId;
    DistributionMode mode;
    final List<String> agentIds = new ArrayList<>();
    int position;
    Instant expiresAt;

    OpenOffer view() {
      return new OpenOffer(
          offerId, channelId, sessionId, mode, List.copyOf(agentIds), position, expiresAt);
    }
  }

  private final Map<String, Offer> offers = new LinkedHashMap<>();

  private final Map<String, PresenceStatus> presence = new HashMap<>();
  private final Map<String, Instant> presenceAt = new HashMap<>();
  private final Set<String> clockedIn = new HashSet<>();
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
              lastAssignedAt.get(agentId),
              clockedIn.contains(agentId)));
    }
    return agents;
  }

  /** What the Lua scripts' {@code present} checks: the presence part of Q6. */
  private boolean present(String agentId, AvailabilityCheck check) {
    if (!check.requiresOnline()) {
      return true;
    }
    return presence.getOrDefault(agentId, PresenceStatus.OFFLINE) == PresenceStatus.ONLINE
        && (!check.requiresClockIn() || clockedIn.contains(agentId));
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
    if (session != null && session.state == State.RATING) {
      // Re-opened by the client while its rating was awaited: the agent's place is given back.
      openSessions.get(session.agentId).remove(sessionId);
      ratingDue.remove(sessionId);
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
  public synchronized Set<String> channelsWithWaiting(Collection<String> channelIds) {
    Set<String> waiting = new HashSet<>();
    for (String channelId : channelIds) {
      if (!waitingLines.getOrDefault(channelId, new LinkedHashSet<>()).isEmpty()) {
        waiting.add(channelId);
      }
    }
    return waiting;
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
    if (!present(decision.agentId(), reservation.availability())) {
      return ReserveResult.AGENT_UNAVAILABLE;
    }
    int load = load(decision.agentId());
    if (reservation.sessionLimit().isPresent()
        && load
                - excluded(decision.agentId(), reservation.exclusion())
                + offersHeld(decision.agentId())
            >= reservation.sessionLimit().getAsInt()) {
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
    boolean allPassed = announcement.reason() == NoAgentReason.ALL_PASSED;
    if (session == null
        || session.state != State.WAITING
        || !session.channelId.equals(announcement.channelId())
        || session.offerId != null
        || (allPassed ? session.allPassedAnnounced : session.noAgentAnnounced)) {
      return false;
    }
    if (allPassed) {
      session.allPassedAnnounced = true;
    } else {
      session.noAgentAnnounced = true;
    }
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
    ratingDue.remove(sessionId);
    if (session != null && (session.state == State.ASSIGNED || session.state == State.RATING)) {
      agentId = session.agentId;
      openSessions.get(agentId).remove(sessionId);
      answered.getOrDefault(agentId, new LinkedHashSet<>()).remove(sessionId);
      awaitingClient.getOrDefault(agentId, new LinkedHashSet<>()).remove(sessionId);
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

  private final Map<String, Instant> ratingDue = new LinkedHashMap<>();

  @Override
  public synchronized String holdForRating(
      String channelId, String sessionId, Instant until, Instant at) {
    Session session = sessions.get(sessionId);
    if (session == null
        || session.state != State.ASSIGNED
        || !session.channelId.equals(channelId)) {
      return null;
    }
    answered.getOrDefault(session.agentId, new LinkedHashSet<>()).remove(sessionId);
    awaitingClient.getOrDefault(session.agentId, new LinkedHashSet<>()).remove(sessionId);
    session.state = State.RATING;
    ratingDue.put(sessionId, until);
    return session.agentId;
  }

  @Override
  public synchronized List<String> dueRatings(Instant now, int max) {
    return ratingDue.entrySet().stream()
        .filter(e -> !e.getValue().isAfter(now))
        .sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .limit(max)
        .toList();
  }

  @Override
  public synchronized Optional<String> channelOf(String sessionId) {
    return Optional.ofNullable(sessions.get(sessionId)).map(s -> s.channelId);
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
    if (clockedIn) {
      this.clockedIn.add(agentId);
    } else {
      this.clockedIn.remove(agentId);
    }
    return true;
  }

  private final Map<String, Integer> held = new HashMap<>();
  private final Map<String, Set<String>> answered = new HashMap<>();
  private final Map<String, Set<String>> awaitingClient = new HashMap<>();
  private final Map<String, Instant> lastMessageAt = new HashMap<>();

  private int excluded(String agentId, LimitExclusion exclusion) {
    return switch (exclusion) {
      case ANSWERED -> answered.getOrDefault(agentId, Set.of()).size();
      case WAITING_FOR_CLIENT -> awaitingClient.getOrDefault(agentId, Set.of()).size();
      case NONE -> 0;
    };
  }

  @Override
  public synchronized boolean messageInSession(
      String sessionId, String agentId, boolean fromAgent, Instant at) {
    Session session = sessions.get(sessionId);
    if (session == null || session.state != State.ASSIGNED) {
      return false;
    }
    Instant last = lastMessageAt.get(sessionId);
    if (last != null && last.isAfter(at)) {
      return false;
    }
    lastMessageAt.put(sessionId, at);
    if (fromAgent) {
      boolean a =
          answered.computeIfAbsent(session.agentId, x -> new LinkedHashSet<>()).add(sessionId);
      boolean b =
          awaitingClient
              .computeIfAbsent(session.agentId, x -> new LinkedHashSet<>())
              .add(sessionId);
      return a || b;
    }
    return awaitingClient.getOrDefault(session.agentId, new LinkedHashSet<>()).remove(sessionId);
  }

  @Override
  public synchronized Map<String, Integer> excludedFromLimit(
      List<String> agentIds, LimitExclusion exclusion) {
    Map<String, Integer> counts = new HashMap<>();
    agentIds.forEach(agentId -> counts.put(agentId, excluded(agentId, exclusion)));
    return counts;
  }

  private int offersHeld(String agentId) {
    return held.getOrDefault(agentId, 0);
  }

  private void hold(String agentId, int change) {
    held.merge(agentId, change, Integer::sum);
  }

  @Override
  public synchronized Map<String, Integer> openOffers(List<String> agentIds) {
    Map<String, Integer> counts = new HashMap<>();
    for (String agentId : agentIds) {
      counts.put(agentId, offersHeld(agentId));
    }
    return counts;
  }

  @Override
  public synchronized Optional<OpenOffer> offerOfSession(String sessionId) {
    Session session = sessions.get(sessionId);
    if (session == null || session.offerId == null) {
      return Optional.empty();
    }
    return Optional.of(offers.get(session.offerId).view());
  }

  @Override
  public synchronized Optional<OpenOffer> offer(String offerId) {
    return Optional.ofNullable(offers.get(offerId)).map(Offer::view);
  }

  @Override
  public synchronized List<OpenOffer> offersOf(String agentId) {
    return offers.values().stream()
        .filter(offer -> offer.agentIds.contains(agentId))
        .map(Offer::view)
        .toList();
  }

  @Override
  public synchronized OfferProgress progress(String sessionId) {
    Session session = sessions.get(sessionId);
    return session == null
        ? OfferProgress.NONE
        : new OfferProgress(session.lastPosition, Set.copyOf(session.passed));
  }

  @Override
  public synchronized OpenResult open(NewOffer request) {
    OfferMade made = request.made();
    Session session = sessions.get(made.sessionId());
    if (session == null
        || session.state != State.WAITING
        || !session.channelId.equals(made.channelId())) {
      return new OpenResult(OpenOutcome.SESSION_NOT_WAITING, null);
    }
    if (session.offerId != null) {
      return new OpenResult(OpenOutcome.ALREADY_OFFERED, null);
    }
    for (String agentId : made.agentIds()) {
      boolean unavailable = !present(agentId, request.availability());
      boolean full =
          request.sessionLimit().isPresent()
              && load(agentId) - excluded(agentId, request.exclusion()) + offersHeld(agentId)
                  >= request.sessionLimit().getAsInt();
      boolean passed = !request.newRound() && session.passed.contains(agentId);
      if (unavailable || full || passed) {
        return new OpenResult(OpenOutcome.AGENT_CHANGED, agentId);
      }
    }
    if (request.newRound()) {
      session.passed.clear();
    }
    Offer offer = new Offer();
    offer.offerId = made.offerId();
    offer.channelId = made.channelId();
    offer.sessionId = made.sessionId();
    offer.mode = made.distributionMode();
    offer.agentIds.addAll(made.agentIds());
    made.agentIds().forEach(agentId -> hold(agentId, 1));
    offer.position = request.queuePosition();
    offer.expiresAt = made.expiresAt();
    offers.put(offer.offerId, offer);
    session.offerId = offer.offerId;
    session.lastPosition = request.queuePosition();
    made.agentIds().forEach(session.outcomes::remove);
    recorded.put(made.id(), made);
    return new OpenResult(OpenOutcome.OPENED, null);
  }

  @Override
  public synchronized JoinResult join(
      OfferMade made,
      OptionalInt sessionLimit,
      AvailabilityCheck availability,
      LimitExclusion exclusion) {
    Session session = sessions.get(made.sessionId());
    Offer offer = offers.get(made.offerId());
    String agentId = made.agentIds().get(0);
    if (session == null
        || session.state != State.WAITING
        || offer == null
        || !made.offerId().equals(session.offerId)) {
      return JoinResult.OFFER_CLOSED;
    }
    if (offer.agentIds.contains(agentId)) {
      return JoinResult.ALREADY_HOLDS;
    }
    if (session.passed.contains(agentId)) {
      return JoinResult.PASSED;
    }
    if (!present(agentId, availability)) {
      return JoinResult.AGENT_UNAVAILABLE;
    }
    if (sessionLimit.isPresent()
        && load(agentId) - excluded(agentId, exclusion) + offersHeld(agentId)
            >= sessionLimit.getAsInt()) {
      return JoinResult.AT_CAPACITY;
    }
    offer.agentIds.add(agentId);
    hold(agentId, 1);
    session.outcomes.remove(agentId);
    recorded.put(made.id(), made);
    return JoinResult.JOINED;
  }

  @Override
  public synchronized Accepted acceptanceOf(String sessionId, String agentId) {
    Session session = sessions.get(sessionId);
    if (session == null) {
      return new Accepted(AcceptResult.NOT_OFFERED, null);
    }
    if (session.state == State.ASSIGNED && agentId.equals(session.agentId)) {
      return new Accepted(AcceptResult.ALREADY_YOURS, session.assignedOfferId);
    }
    return new Accepted(session.outcomes.getOrDefault(agentId, AcceptResult.NOT_OFFERED), null);
  }

  @Override
  public synchronized Accepted accept(
      AgentAssigned decision,
      List<String> offerAgents,
      OfferWithdrawn othersWithdrawn,
      OptionalInt sessionLimit,
      AvailabilityCheck availability,
      LimitExclusion exclusion) {
    Session session = sessions.get(decision.sessionId());
    String agentId = decision.agentId();
    if (session == null || session.state != State.WAITING) {
      return acceptanceOf(decision.sessionId(), agentId);
    }
    Offer offer = session.offerId == null ? null : offers.get(session.offerId);
    if (offer == null || !offer.agentIds.contains(agentId)) {
      return acceptanceOf(decision.sessionId(), agentId);
    }
    if (!offer.offerId.equals(decision.offerId()) || !offer.agentIds.equals(offerAgents)) {
      return new Accepted(AcceptResult.OFFER_CHANGED, null);
    }
    if (!present(agentId, availability)) {
      return new Accepted(AcceptResult.AGENT_UNAVAILABLE, null);
    }
    if (sessionLimit.isPresent()
        && load(agentId) - excluded(agentId, exclusion) >= sessionLimit.getAsInt()) {
      return new Accepted(AcceptResult.AT_CAPACITY, null);
    }
    offers.remove(offer.offerId);
    offer.agentIds.forEach(holder -> hold(holder, -1));
    for (String other : offer.agentIds) {
      if (!other.equals(agentId)) {
        session.outcomes.put(other, AcceptResult.TAKEN_BY_ANOTHER);
      }
    }
    addOpenSession(agentId, decision.sessionId());
    session.state = State.ASSIGNED;
    session.agentId = agentId;
    session.offerId = null;
    session.assignedOfferId = offer.offerId;
    session.passed.clear();
    lastAssignedAt.put(agentId, decision.occurredAt());
    waitingLines.get(decision.channelId()).remove(decision.sessionId());
    recorded.put(decision.id(), decision);
    if (othersWithdrawn != null) {
      recorded.put(othersWithdrawn.id(), othersWithdrawn);
    }
    return new Accepted(AcceptResult.ASSIGNED, offer.offerId);
  }

  @Override
  public synchronized boolean leave(OfferWithdrawn withdrawn, boolean passes) {
    Offer offer = offers.get(withdrawn.offerId());
    if (offer == null) {
      return false;
    }
    Session session = sessions.get(offer.sessionId);
    boolean anyone = false;
    for (String agentId : withdrawn.agentIds()) {
      if (offer.agentIds.remove(agentId)) {
        anyone = true;
        hold(agentId, -1);
        session.outcomes.put(
            agentId,
            withdrawn.reason() == WithdrawalReason.DECLINED
                ? AcceptResult.DECLINED
                : AcceptResult.WITHDRAWN);
        if (passes) {
          session.passed.add(agentId);
        }
      }
    }
    if (!anyone) {
      return false;
    }
    if (offer.agentIds.isEmpty()) {
      offers.remove(offer.offerId);
      session.offerId = null;
    }
    recorded.put(withdrawn.id(), withdrawn);
    return true;
  }

  @Override
  public synchronized boolean expire(OfferExpired expired, Instant now) {
    Offer offer = offers.get(expired.offerId());
    if (offer == null
        || offer.expiresAt == null
        || offer.expiresAt.isAfter(now)
        || !offer.agentIds.equals(expired.agentIds())) {
      return false;
    }
    offers.remove(offer.offerId);
    Session session = sessions.get(offer.sessionId);
    session.offerId = null;
    for (String agentId : offer.agentIds) {
      hold(agentId, -1);
      session.passed.add(agentId);
      session.outcomes.put(agentId, AcceptResult.EXPIRED);
    }
    recorded.put(expired.id(), expired);
    return true;
  }

  @Override
  public synchronized List<String> dueOffers(Instant now, int max) {
    return offers.values().stream()
        .filter(offer -> offer.expiresAt != null && !offer.expiresAt.isAfter(now))
        .sorted(java.util.Comparator.comparing((Offer offer) -> offer.expiresAt))
        .limit(max)
        .map(offer -> offer.offerId)
        .toList();
  }

  @Override
  public synchronized Reassigned reassign(Reservation reservation) {
    var decision = reservation.decision();
    Session session = sessions.get(decision.sessionId());
    if (session == null
        || session.state != State.ASSIGNED
        || !session.channelId.equals(decision.channelId())) {
      return new Reassigned(ReassignResult.NOT_ASSIGNED, null);
    }
    String previous = session.agentId;
    if (decision.agentId().equals(previous)) {
      return new Reassigned(ReassignResult.ALREADY_THEIRS, previous);
    }
    if (session.movedToResponsible) {
      return new Reassigned(ReassignResult.ALREADY_MOVED, previous);
    }
    if (answered.getOrDefault(previous, Set.of()).contains(decision.sessionId())) {
      return new Reassigned(ReassignResult.ANSWERED, previous);
    }
    if (!present(decision.agentId(), reservation.availability())) {
      return new Reassigned(ReassignResult.AGENT_UNAVAILABLE, previous);
    }
    if (reservation.sessionLimit().isPresent()
        && load(decision.agentId())
                - excluded(decision.agentId(), reservation.exclusion())
                + offersHeld(decision.agentId())
            >= reservation.sessionLimit().getAsInt()) {
      return new Reassigned(ReassignResult.AT_CAPACITY, previous);
    }
    openSessions.getOrDefault(previous, new LinkedHashSet<>()).remove(decision.sessionId());
    awaitingClient.getOrDefault(previous, new LinkedHashSet<>()).remove(decision.sessionId());
    addOpenSession(decision.agentId(), decision.sessionId());
    session.agentId = decision.agentId();
    session.movedToResponsible = true;
    lastAssignedAt.put(decision.agentId(), decision.occurredAt());
    recorded.put(decision.id(), decision);
    return new Reassigned(ReassignResult.REASSIGNED, previous);
  }

  @Override
  public synchronized Requeued requeue(
      String channelId, String sessionId, String transferEventId, Instant at) {
    Session session = sessions.get(sessionId);
    if (session != null && transferEventId.equals(session.transferEventId)) {
      return new Requeued(false, null);
    }
    String previous = null;
    if (session != null) {
      if (session.state == State.ASSIGNED) {
        previous = session.agentId;
        openSessions.get(previous).remove(sessionId);
        answered.getOrDefault(previous, new LinkedHashSet<>()).remove(sessionId);
        awaitingClient.getOrDefault(previous, new LinkedHashSet<>()).remove(sessionId);
      }
      waitingLines.getOrDefault(session.channelId, new LinkedHashSet<>()).remove(sessionId);
    }
    if (session != null && session.state == State.RATING) {
      // Re-opened by the client while its rating was awaited: the agent's place is given back.
      openSessions.get(session.agentId).remove(sessionId);
      ratingDue.remove(sessionId);
    }
    session = new Session();
    session.channelId = channelId;
    session.state = State.WAITING;
    session.queuedEventId = transferEventId;
    session.transferEventId = transferEventId;
    sessions.put(sessionId, session);
    waitingLines.computeIfAbsent(channelId, c -> new LinkedHashSet<>()).add(sessionId);
    return new Requeued(true, previous);
  }
}
