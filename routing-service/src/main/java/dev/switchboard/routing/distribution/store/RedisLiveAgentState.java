package dev.switchboard.routing.distribution.store;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.routing.distribution.domain.AgentLiveState;
import dev.switchboard.routing.distribution.domain.AvailabilityCheck;
import dev.switchboard.routing.distribution.domain.LimitExclusion;
import dev.switchboard.routing.distribution.domain.LiveAgentState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** {@link LiveAgentState} in Redis; every change is one Lua script (see {@link RoutingScripts}). */
public class RedisLiveAgentState implements LiveAgentState {

  private static final int RELEASE_ATTEMPTS = 5;

  /** Waiting lines counted per script call: one round trip for many channels, none too long. */
  private static final int COUNT_WAITING_CHUNK = 500;

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
      String presence = values.get(4 * i).toString();
      String lastAssignedAt = values.get(4 * i + 1).toString();
      int load = Integer.parseInt(values.get(4 * i + 2).toString());
      boolean clockedIn = "1".equals(values.get(4 * i + 3).toString());
      agents.put(
          agentIds.get(i),
          new AgentLiveState(
              agentIds.get(i),
              presence.isEmpty() ? PresenceStatus.OFFLINE : PresenceStatus.valueOf(presence),
              load,
              lastAssignedAt.isEmpty()
                  ? null
                  : Instant.ofEpochMilli(Long.parseLong(lastAssignedAt)),
              clockedIn));
    }
    return agents;
  }

  @Override
  public Enqueued enqueue(String channelId, String sessionId, String queuedEventId, Instant at) {
    Response outcome =
        RoutingScripts.ENQUEUE.run(
            redis,
            List.of(
                keys.session(sessionId),
                keys.waiting(channelId),
                keys.arrivals(),
                keys.passed(sessionId),
                keys.outcomes(sessionId),
                keys.ratingDue()),
            sessionId,
            channelId,
            queuedEventId,
            millis(at),
            keys.prefix());
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

  @Override
  public Set<String> channelsWithWaiting(Collection<String> channelIds) {
    Set<String> waiting = new HashSet<>();
    List<String> all = List.copyOf(channelIds);
    for (int from = 0; from < all.size(); from += COUNT_WAITING_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + COUNT_WAITING_CHUNK));
      Response counts =
          RoutingScripts.COUNT_WAITING.run(redis, chunk.stream().map(keys::waiting).toList());
      for (int i = 0; i < chunk.size(); i++) {
        if (counts.get(i).toLong() > 0) {
          waiting.add(chunk.get(i));
        }
      }
    }
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
                keys.outboxDue(),
                keys.agentOffers(decision.agentId()),
                keys.agentAnswered(decision.agentId()),
                keys.agentAwaitingClient(decision.agentId())),
            decision.sessionId(),
            decision.agentId(),
            decision.channelId(),
            Integer.toString(reservation.sessionLimit().orElse(-1)),
            Integer.toString(reservation.expectedLoad().orElse(-1)),
            reservation.availability().name(),
            millis(decision.occurredAt()),
            decision.id(),
            AnnouncementOutbox.payload(decision),
            reservation.exclusion().name());
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
            millis(announcement.occurredAt()),
            announcement.reason() == NoAgentReason.ALL_PASSED
                ? "allPassedEventId"
                : "noAgentEventId");
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
                  keys.waiting(channelId),
                  keys.passed(sessionId),
                  keys.outcomes(sessionId),
                  keys.agentAnswered(expectedAgent),
                  keys.agentAwaitingClient(expectedAgent),
                  keys.ratingDue()),
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
  public String holdForRating(String channelId, String sessionId, Instant until, Instant at) {
    Response outcome =
        RoutingScripts.HOLD_FOR_RATING.run(
            redis,
            List.of(keys.session(sessionId), keys.ratingDue()),
            keys.prefix(),
            sessionId,
            channelId,
            millis(until),
            millis(at));
    return "HELD".equals(outcome.get(0).toString()) ? outcome.get(1).toString() : null;
  }

  @Override
  public List<String> dueRatings(Instant now, int max) {
    Response ids =
        redis.execute(
            "ZRANGEBYSCORE",
            keys.ratingDue(),
            "-inf",
            millis(now),
            "LIMIT",
            "0",
            Integer.toString(max));
    List<String> due = new ArrayList<>(ids.size());
    ids.forEach(id -> due.add(id.toString()));
    return due;
  }

  @Override
  public Optional<String> channelOf(String sessionId) {
    return Optional.ofNullable(redis.hash(String.class).hget(keys.session(sessionId), "channelId"));
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

  @Override
  public Map<String, Integer> openOffers(List<String> agentIds) {
    Map<String, Integer> held = new HashMap<>();
    if (agentIds.isEmpty()) {
      return held;
    }
    Response counts =
        RoutingScripts.READ_OFFER_COUNTS.run(
            redis, agentIds.stream().map(keys::agentOffers).toList());
    for (int i = 0; i < agentIds.size(); i++) {
      held.put(agentIds.get(i), counts.get(i).toInteger());
    }
    return held;
  }

  @Override
  public Optional<OpenOffer> offerOfSession(String sessionId) {
    Response offerId = redis.execute("HGET", keys.session(sessionId), "offerId");
    if (offerId == null || offerId.toString().isEmpty()) {
      return Optional.empty();
    }
    return offer(offerId.toString());
  }

  @Override
  public Optional<OpenOffer> offer(String offerId) {
    Response fields =
        RoutingScripts.READ_OFFER.run(
            redis, List.of(keys.offer(offerId), keys.offerAgents(offerId)));
    if (fields == null || fields.size() < 5) {
      return Optional.empty();
    }
    List<String> agentIds = new ArrayList<>();
    for (int i = 5; i < fields.size(); i++) {
      agentIds.add(fields.get(i).toString());
    }
    if (agentIds.isEmpty()) {
      return Optional.empty();
    }
    String expiresAt = fields.get(3).toString();
    return Optional.of(
        new OpenOffer(
            offerId,
            fields.get(0).toString(),
            fields.get(1).toString(),
            DistributionMode.valueOf(fields.get(2).toString()),
            agentIds,
            Integer.parseInt(fields.get(4).toString()),
            expiresAt.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(expiresAt))));
  }

  @Override
  public List<OpenOffer> offersOf(String agentId) {
    Response offerIds = redis.execute("SMEMBERS", keys.agentOffers(agentId));
    List<OpenOffer> offers = new ArrayList<>();
    for (Response offerId : offerIds) {
      offer(offerId.toString()).ifPresent(offers::add);
    }
    return offers;
  }

  @Override
  public OfferProgress progress(String sessionId) {
    Response position = redis.execute("HGET", keys.session(sessionId), "lastPosition");
    Response passed = redis.execute("SMEMBERS", keys.passed(sessionId));
    Set<String> agents = new HashSet<>();
    passed.forEach(agent -> agents.add(agent.toString()));
    return new OfferProgress(
        position == null ? -1 : Integer.parseInt(position.toString()), Set.copyOf(agents));
  }

  @Override
  public OpenResult open(NewOffer request) {
    OfferMade made = request.made();
    List<String> args = new ArrayList<>();
    args.add(keys.prefix());
    args.add(made.sessionId());
    args.add(made.channelId());
    args.add(made.offerId());
    args.add(made.distributionMode().name());
    args.add(made.expiresAt() == null ? "" : millis(made.expiresAt()));
    args.add(Integer.toString(request.sessionLimit().orElse(-1)));
    args.add(request.availability().name());
    args.add(Integer.toString(request.queuePosition()));
    args.add(request.newRound() ? "1" : "0");
    args.add(millis(made.occurredAt()));
    args.add(made.id());
    args.add(AnnouncementOutbox.payload(made));
    args.add(request.exclusion().name());
    args.addAll(made.agentIds());
    Response outcome =
        RoutingScripts.OPEN_OFFER.run(
            redis,
            List.of(keys.session(made.sessionId()), keys.outbox(), keys.outboxDue()),
            args.toArray(String[]::new));
    String agentId = outcome.get(1).toString();
    return new OpenResult(
        OpenOutcome.valueOf(outcome.get(0).toString()), agentId.isEmpty() ? null : agentId);
  }

  @Override
  public Accepted acceptanceOf(String sessionId, String agentId) {
    return accepted(
        RoutingScripts.ACCEPTANCE.run(redis, List.of(keys.session(sessionId)), agentId));
  }

  @Override
  public Accepted accept(
      AgentAssigned decision,
      List<String> offerAgents,
      OfferWithdrawn othersWithdrawn,
      OptionalInt sessionLimit,
      AvailabilityCheck availability,
      LimitExclusion exclusion) {
    List<String> args = new ArrayList<>();
    args.add(keys.prefix());
    args.add(decision.sessionId());
    args.add(decision.agentId());
    args.add(decision.offerId());
    args.add(Integer.toString(sessionLimit.orElse(-1)));
    args.add(availability.name());
    args.add(millis(decision.occurredAt()));
    args.add(decision.id());
    args.add(AnnouncementOutbox.payload(decision));
    args.add(othersWithdrawn == null ? "" : othersWithdrawn.id());
    args.add(othersWithdrawn == null ? "" : AnnouncementOutbox.payload(othersWithdrawn));
    args.add(decision.channelId());
    args.add(exclusion.name());
    args.addAll(offerAgents);
    return accepted(
        RoutingScripts.ACCEPT.run(
            redis,
            List.of(keys.session(decision.sessionId()), keys.outbox(), keys.outboxDue()),
            args.toArray(String[]::new)));
  }

  private static Accepted accepted(Response outcome) {
    String offerId = outcome.get(1).toString();
    return new Accepted(
        AcceptResult.valueOf(outcome.get(0).toString()), offerId.isEmpty() ? null : offerId);
  }

  @Override
  public boolean leave(OfferWithdrawn withdrawn, boolean passes) {
    List<String> args = new ArrayList<>();
    args.add(keys.prefix());
    args.add(withdrawn.offerId());
    args.add(withdrawn.reason() == WithdrawalReason.DECLINED ? "DECLINED" : "WITHDRAWN");
    args.add(passes ? "1" : "0");
    args.add(millis(withdrawn.occurredAt()));
    args.add(withdrawn.id());
    args.add(AnnouncementOutbox.payload(withdrawn));
    args.addAll(withdrawn.agentIds());
    Response left =
        RoutingScripts.LEAVE_OFFER.run(
            redis, List.of(keys.outbox(), keys.outboxDue()), args.toArray(String[]::new));
    return left.toLong() == 1;
  }

  @Override
  public boolean expire(OfferExpired expired, Instant now) {
    List<String> args = new ArrayList<>();
    args.add(keys.prefix());
    args.add(expired.offerId());
    args.add(millis(now));
    args.add(expired.id());
    args.add(AnnouncementOutbox.payload(expired));
    args.addAll(expired.agentIds());
    Response claimed =
        RoutingScripts.EXPIRE_OFFER.run(
            redis, List.of(keys.outbox(), keys.outboxDue()), args.toArray(String[]::new));
    return claimed.toLong() == 1;
  }

  @Override
  public List<String> dueOffers(Instant now, int max) {
    Response ids =
        redis.execute(
            "ZRANGEBYSCORE",
            keys.offersDue(),
            "-inf",
            millis(now),
            "LIMIT",
            "0",
            Integer.toString(max));
    List<String> due = new ArrayList<>(ids.size());
    ids.forEach(id -> due.add(id.toString()));
    return due;
  }

  @Override
  public Requeued requeue(String channelId, String sessionId, String transferEventId, Instant at) {
    Response outcome =
        RoutingScripts.REQUEUE.run(
            redis,
            List.of(
                keys.session(sessionId),
                keys.waiting(channelId),
                keys.arrivals(),
                keys.passed(sessionId),
                keys.outcomes(sessionId)),
            keys.prefix(),
            sessionId,
            channelId,
            transferEventId,
            millis(at));
    String previous = outcome.get(1).toString();
    return new Requeued(
        "QUEUED".equals(outcome.get(0).toString()), previous.isEmpty() ? null : previous);
  }

  @Override
  public JoinResult join(
      OfferMade made,
      OptionalInt sessionLimit,
      AvailabilityCheck availability,
      LimitExclusion exclusion) {
    Response outcome =
        RoutingScripts.JOIN_OFFER.run(
            redis,
            List.of(keys.session(made.sessionId()), keys.outbox(), keys.outboxDue()),
            keys.prefix(),
            made.sessionId(),
            made.offerId(),
            made.agentIds().get(0),
            Integer.toString(sessionLimit.orElse(-1)),
            availability.name(),
            exclusion.name(),
            millis(made.occurredAt()),
            made.id(),
            AnnouncementOutbox.payload(made));
    return JoinResult.valueOf(outcome.toString());
  }

  @Override
  public Reassigned reassign(Reservation reservation) {
    var decision = reservation.decision();
    Response outcome =
        RoutingScripts.REASSIGN.run(
            redis,
            List.of(
                keys.session(decision.sessionId()),
                keys.agentSessions(decision.agentId()),
                keys.agent(decision.agentId()),
                keys.outbox(),
                keys.outboxDue(),
                keys.agentOffers(decision.agentId()),
                keys.agentAnswered(decision.agentId()),
                keys.agentAwaitingClient(decision.agentId())),
            keys.prefix(),
            decision.sessionId(),
            decision.agentId(),
            decision.channelId(),
            Integer.toString(reservation.sessionLimit().orElse(-1)),
            reservation.availability().name(),
            millis(decision.occurredAt()),
            decision.id(),
            AnnouncementOutbox.payload(decision),
            reservation.exclusion().name());
    String previous = outcome.get(1).toString();
    return new Reassigned(
        ReassignResult.valueOf(outcome.get(0).toString()), previous.isEmpty() ? null : previous);
  }

  @Override
  public boolean messageInSession(String sessionId, String agentId, boolean fromAgent, Instant at) {
    Response changed =
        RoutingScripts.MESSAGE.run(
            redis,
            List.of(keys.session(sessionId)),
            keys.prefix(),
            sessionId,
            fromAgent ? "1" : "0",
            millis(at));
    return changed.toLong() == 1;
  }

  @Override
  public Map<String, Integer> excludedFromLimit(List<String> agentIds, LimitExclusion exclusion) {
    Map<String, Integer> excluded = new HashMap<>();
    if (agentIds.isEmpty() || exclusion == LimitExclusion.NONE) {
      agentIds.forEach(agentId -> excluded.put(agentId, 0));
      return excluded;
    }
    Response counts =
        RoutingScripts.READ_OFFER_COUNTS.run(
            redis,
            agentIds.stream()
                .map(
                    agentId ->
                        exclusion == LimitExclusion.ANSWERED
                            ? keys.agentAnswered(agentId)
                            : keys.agentAwaitingClient(agentId))
                .toList());
    for (int i = 0; i < agentIds.size(); i++) {
      excluded.put(agentIds.get(i), counts.get(i).toInteger());
    }
    return excluded;
  }
}
