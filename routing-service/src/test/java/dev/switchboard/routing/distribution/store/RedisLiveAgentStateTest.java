package dev.switchboard.routing.distribution.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.routing.RedisKeysCleanup;
import dev.switchboard.routing.distribution.domain.AvailabilityCheck;
import dev.switchboard.routing.distribution.domain.LimitExclusion;
import dev.switchboard.routing.distribution.domain.LiveAgentState;
import dev.switchboard.routing.distribution.domain.LiveAgentState.AcceptResult;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Enqueued;
import dev.switchboard.routing.distribution.domain.LiveAgentState.NewOffer;
import dev.switchboard.routing.distribution.domain.LiveAgentState.OpenOutcome;
import dev.switchboard.routing.distribution.domain.LiveAgentState.ReassignResult;
import dev.switchboard.routing.distribution.domain.LiveAgentState.Reservation;
import dev.switchboard.routing.distribution.domain.LiveAgentState.ReserveResult;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The atomic steps against the real Redis, many at once: what two routing instances, or two
 * channels on different partitions, would do at the same moment.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class RedisLiveAgentStateTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  @Inject RedisDataSource redis;

  private final String prefix = "sb:routing:state-test-" + UUID.randomUUID() + ":";
  private RedisLiveAgentState state;
  private AnnouncementOutbox outbox;

  @AfterEach
  void removeKeys() {
    RedisKeysCleanup.deleteUnder(redis, prefix);
  }

  private RedisLiveAgentState state() {
    if (state == null) {
      RoutingKeys keys = new RoutingKeys(prefix);
      state = new RedisLiveAgentState(redis, keys, Duration.ofMinutes(5));
      outbox = new AnnouncementOutbox(redis, keys);
    }
    return state;
  }

  @Test
  void concurrentReservationsOfOneSessionGiveItToExactlyOneAgent() throws Exception {
    List<String> agents = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      agents.add("agent-" + i);
      state().presenceChanged("agent-" + i, PresenceStatus.ONLINE, true, NOW);
    }
    state().enqueue("c1", "s1", "q1", NOW);

    List<ReserveResult> results =
        concurrently(
            agents.stream()
                .<Callable<ReserveResult>>map(
                    agent -> () -> state().tryReserve(reservation("c1", "s1", agent, -1, -1)))
                .toList());

    assertThat(results.stream().filter(r -> r == ReserveResult.RESERVED).count(), equalTo(1L));
    assertThat(
        results.stream().filter(r -> r == ReserveResult.SESSION_NOT_WAITING).count(), equalTo(7L));
    int totalLoad = state().agents(agents).values().stream().mapToInt(a -> a.load()).sum();
    assertThat(totalLoad, equalTo(1));
    assertThat(state().waiting("c1", 0), empty());
  }

  @Test
  void concurrentReservationsFromManyChannelsNeverTakeAnAgentPastTheLimit() throws Exception {
    state().presenceChanged("busy", PresenceStatus.ONLINE, true, NOW);
    List<Callable<ReserveResult>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String channel = "channel-" + i;
      String session = "session-" + i;
      state().enqueue(channel, session, "q-" + i, NOW);
      attempts.add(() -> state().tryReserve(reservation(channel, session, "busy", 5, -1)));
    }

    List<ReserveResult> results = concurrently(attempts);

    assertThat(results.stream().filter(r -> r == ReserveResult.RESERVED).count(), equalTo(5L));
    assertThat(results.stream().filter(r -> r == ReserveResult.AT_CAPACITY).count(), equalTo(15L));
    assertThat(state().agents(List.of("busy")).get("busy").load(), equalTo(5));
  }

  @Test
  void aReservationBasedOnALoadThatChangedOrOnAnOfflineAgentIsRefused() {
    state().presenceChanged("a1", PresenceStatus.ONLINE, true, NOW);
    state().enqueue("c1", "s1", "q1", NOW);
    state().enqueue("c1", "s2", "q2", NOW);
    state().tryReserve(reservation("c1", "s1", "a1", -1, 0));

    assertThat(
        state().tryReserve(reservation("c1", "s2", "a1", -1, 0)),
        equalTo(ReserveResult.LOAD_CHANGED));
    assertThat(
        state().tryReserve(reservation("c1", "s2", "offline", -1, -1)),
        equalTo(ReserveResult.AGENT_UNAVAILABLE));
    assertThat(state().waiting("c1", 0), contains("s2"));
  }

  @Test
  void theWaitingLineKeepsArrivalOrderAndASessionIsQueuedOnce() {
    state().enqueue("c1", "s1", "q1", NOW);
    state().enqueue("c1", "s2", "q2", NOW);
    state().enqueue("c1", "s3", "q3", NOW);

    assertThat(state().enqueue("c1", "s1", "q1", NOW), equalTo(Enqueued.ALREADY_WAITING));
    assertThat(state().waiting("c1", 0), contains("s1", "s2", "s3"));
    assertThat(state().waiting("c1", 2), contains("s1", "s2"));
  }

  @Test
  void ofManyChannelsOnlyThoseWithSomeoneWaitingAreFound() {
    List<String> channels = new ArrayList<>();
    for (int i = 0; i < 1_234; i++) {
      channels.add("line-" + i);
    }
    state().enqueue("line-3", "w1", "qw1", NOW);
    state().enqueue("line-777", "w2", "qw2", NOW);
    state().enqueue("line-1233", "w3", "qw3", NOW);

    assertThat(
        state().channelsWithWaiting(channels),
        equalTo(java.util.Set.of("line-3", "line-777", "line-1233")));
  }

  @Test
  void closingFreesTheAgentOnceAndAReplayedQueueingDoesNotReopen() {
    state().presenceChanged("a1", PresenceStatus.ONLINE, true, NOW);
    state().enqueue("c1", "s1", "q1", NOW);
    state().tryReserve(reservation("c1", "s1", "a1", -1, -1));

    assertThat(state().release("c1", "s1", NOW).agentId(), equalTo("a1"));
    assertThat(state().release("c1", "s1", NOW).agentId(), equalTo(null));
    assertThat(state().agents(List.of("a1")).get("a1").load(), equalTo(0));
    assertThat(state().enqueue("c1", "s1", "q1", NOW), equalTo(Enqueued.ALREADY_CLOSED));
    assertThat(state().enqueue("c1", "s1", "q-reopened", NOW), equalTo(Enqueued.QUEUED));
  }

  @Test
  void decisionsAreKeptForPublishingUntilConfirmedAndNoAgentIsClaimedOnce() {
    state().presenceChanged("a1", PresenceStatus.ONLINE, true, NOW);
    state().enqueue("c1", "s1", "q1", NOW);
    state().enqueue("c1", "s2", "q2", NOW);
    Reservation reservation = reservation("c1", "s1", "a1", -1, -1);
    state().tryReserve(reservation);
    NoAgentAvailable noAgent =
        new NoAgentAvailable(PlatformEvent.newId(), "c1", "s2", NoAgentReason.NONE_AVAILABLE, NOW);

    assertThat(state().claimNoAgentAnnouncement(noAgent), equalTo(true));
    assertThat(
        state()
            .claimNoAgentAnnouncement(
                new NoAgentAvailable(
                    PlatformEvent.newId(), "c1", "s2", NoAgentReason.NONE_AVAILABLE, NOW)),
        equalTo(false));
    List<RoutingEvent> unconfirmed = outbox.unconfirmedSince(NOW.plusSeconds(1), 10);
    assertThat(
        unconfirmed.stream().map(RoutingEvent::id).toList(),
        containsInAnyOrder(reservation.decision().id(), noAgent.id()));
    assertThat(unconfirmed, hasItem(reservation.decision()));

    outbox.confirm(reservation.decision().id());
    outbox.confirm(noAgent.id());
    assertThat(outbox.unconfirmedSince(NOW.plusSeconds(1), 10), empty());
  }

  @Test
  void anOlderPresenceIsIgnored() {
    assertThat(
        state().presenceChanged("a1", PresenceStatus.ONLINE, true, NOW.plusSeconds(1)),
        equalTo(true));
    assertThat(state().presenceChanged("a1", PresenceStatus.OFFLINE, false, NOW), equalTo(false));
    assertThat(state().agents(List.of("a1")).get("a1").presence(), equalTo(PresenceStatus.ONLINE));
  }

  @Test
  void theScriptsRefuseAnAgentNotClockedInWhereTheChannelRequiresIt() {
    AvailabilityCheck clockIn = AvailabilityCheck.ONLINE_AND_CLOCKED_IN;
    state().presenceChanged("out", PresenceStatus.ONLINE, false, NOW);
    state().presenceChanged("in", PresenceStatus.ONLINE, true, NOW);
    state().enqueue("c1", "s1", "q1", NOW);
    state().enqueue("c1", "s2", "q2", NOW);
    assertThat(state().agents(List.of("out")).get("out").clockedIn(), equalTo(false));
    assertThat(state().agents(List.of("in")).get("in").clockedIn(), equalTo(true));

    assertThat(
        state().tryReserve(withCheck(reservation("c1", "s1", "out", -1, -1), clockIn)),
        equalTo(ReserveResult.AGENT_UNAVAILABLE));
    assertThat(
        state()
            .open(
                new NewOffer(
                    offerMade("s1", List.of("out"), null), -1, OptionalInt.empty(), clockIn, false))
            .outcome(),
        equalTo(OpenOutcome.AGENT_CHANGED));

    // An offer made while clocked in, accepted after clocking out: refused at the accept.
    OfferMade made = offerMade("s1", List.of("in"), null);
    assertThat(
        state().open(new NewOffer(made, -1, OptionalInt.empty(), clockIn, false)).outcome(),
        equalTo(OpenOutcome.OPENED));
    assertThat(
        state()
            .join(
                new OfferMade(
                    PlatformEvent.newId(),
                    "c1",
                    "s1",
                    made.offerId(),
                    List.of("out"),
                    DistributionMode.ALL,
                    null,
                    NOW),
                OptionalInt.empty(),
                clockIn,
                LimitExclusion.NONE),
        equalTo(LiveAgentState.JoinResult.AGENT_UNAVAILABLE));
    state().presenceChanged("in", PresenceStatus.ONLINE, false, NOW.plusSeconds(1));
    assertThat(
        state()
            .accept(
                assigned("s1", "in", made.offerId()),
                List.of("in"),
                null,
                OptionalInt.empty(),
                clockIn,
                LimitExclusion.NONE)
            .result(),
        equalTo(AcceptResult.AGENT_UNAVAILABLE));

    // Where clocking in is not required, online is enough.
    assertThat(
        state().tryReserve(reservation("c1", "s2", "out", -1, -1)),
        equalTo(ReserveResult.RESERVED));
  }

  @Test
  void concurrentAcceptsOfOneOfferAssignItOnceAndWithdrawItFromTheOthers() throws Exception {
    List<String> agents = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      agents.add("agent-" + i);
      state().presenceChanged("agent-" + i, PresenceStatus.ONLINE, true, NOW);
    }
    state().enqueue("c1", "s1", "q1", NOW);
    OfferMade made = offerMade("s1", agents, null);
    assertThat(
        state()
            .open(new NewOffer(made, -1, OptionalInt.of(1), AvailabilityCheck.ONLINE, false))
            .outcome(),
        equalTo(OpenOutcome.OPENED));
    assertThat(state().openOffers(agents).get("agent-3"), equalTo(1));

    List<AcceptResult> results =
        concurrently(
            agents.stream()
                .<Callable<AcceptResult>>map(
                    agent ->
                        () -> {
                          List<String> others =
                              agents.stream().filter(a -> !a.equals(agent)).toList();
                          return state()
                              .accept(
                                  assigned("s1", agent, made.offerId()),
                                  agents,
                                  withdrawn(
                                      made, others, WithdrawalReason.ACCEPTED_BY_ANOTHER_AGENT),
                                  OptionalInt.of(1),
                                  AvailabilityCheck.ONLINE,
                                  LimitExclusion.NONE)
                              .result();
                        })
                .toList());

    assertThat(results.stream().filter(r -> r == AcceptResult.ASSIGNED).count(), equalTo(1L));
    assertThat(
        results.stream().filter(r -> r == AcceptResult.TAKEN_BY_ANOTHER).count(), equalTo(7L));
    assertThat(state().agents(agents).values().stream().mapToInt(a -> a.load()).sum(), equalTo(1));
    assertThat(state().openOffers(agents).values().stream().mapToInt(i -> i).sum(), equalTo(0));
    assertThat(state().offerOfSession("s1").isEmpty(), equalTo(true));
    assertThat(state().waiting("c1", 0), empty());
  }

  @Test
  void openOffersCountTowardTheLimitSoConcurrentOffersNeverOverfillAnAgent() throws Exception {
    state().presenceChanged("busy", PresenceStatus.ONLINE, true, NOW);
    List<Callable<OpenOutcome>> attempts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String channel = "channel-" + i;
      String session = "session-" + i;
      state().enqueue(channel, session, "q-" + i, NOW);
      attempts.add(
          () ->
              state()
                  .open(
                      new NewOffer(
                          offerMade(channel, session, List.of("busy"), NOW.plusSeconds(60)),
                          0,
                          OptionalInt.of(3),
                          AvailabilityCheck.ONLINE,
                          false))
                  .outcome());
    }

    List<OpenOutcome> results = concurrently(attempts);

    assertThat(results.stream().filter(r -> r == OpenOutcome.OPENED).count(), equalTo(3L));
    assertThat(state().openOffers(List.of("busy")).get("busy"), equalTo(3));
    // An EVENLY reservation counts them too.
    state().enqueue("evenly", "s-evenly", "q-evenly", NOW);
    assertThat(
        state().tryReserve(reservation("evenly", "s-evenly", "busy", 3, -1)),
        equalTo(ReserveResult.AT_CAPACITY));
  }

  @Test
  void aDueOfferExpiresOnceHowEverManyInstancesClaimItAndItsAgentPassed() throws Exception {
    state().presenceChanged("a1", PresenceStatus.ONLINE, true, NOW);
    state().enqueue("c1", "s1", "q1", NOW);
    OfferMade made = offerMade("s1", List.of("a1"), NOW.plusSeconds(60));
    state().open(new NewOffer(made, 0, OptionalInt.empty(), AvailabilityCheck.ONLINE, false));

    assertThat(state().dueOffers(NOW.plusSeconds(59), 10), empty());
    assertThat(state().dueOffers(NOW.plusSeconds(60), 10), contains(made.offerId()));
    List<Callable<Boolean>> claims = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      claims.add(
          () ->
              state()
                  .expire(
                      new OfferExpired(
                          PlatformEvent.newId(),
                          "c1",
                          "s1",
                          made.offerId(),
                          List.of("a1"),
                          NOW.plusSeconds(61)),
                      NOW.plusSeconds(61)));
    }

    List<Boolean> results = concurrently(claims);

    assertThat(results.stream().filter(b -> b).count(), equalTo(1L));
    assertThat(state().dueOffers(NOW.plusSeconds(120), 10), empty());
    assertThat(state().progress("s1").passed(), contains("a1"));
    assertThat(state().acceptanceOf("s1", "a1").result(), equalTo(AcceptResult.EXPIRED));
    assertThat(state().openOffers(List.of("a1")).get("a1"), equalTo(0));
    // Not in the same round; in a new one, yes.
    OfferMade again = offerMade("s1", List.of("a1"), NOW.plusSeconds(180));
    assertThat(
        state()
            .open(new NewOffer(again, 0, OptionalInt.empty(), AvailabilityCheck.ONLINE, false))
            .outcome(),
        equalTo(OpenOutcome.AGENT_CHANGED));
    assertThat(
        state()
            .open(new NewOffer(again, 0, OptionalInt.empty(), AvailabilityCheck.ONLINE, true))
            .outcome(),
        equalTo(OpenOutcome.OPENED));
    assertThat(state().progress("s1").passed(), empty());
  }

  @Test
  void concurrentResponsiblePersonMovesOfOneAssignedSessionMoveItOnceAndNeverAnAnsweredOne()
      throws Exception {
    RedisLiveAgentState s = state();
    List<String> bosses = List.of("b1", "b2", "b3", "b4", "b5", "b6");
    for (String agent : concat("a1", bosses)) {
      s.presenceChanged(agent, PresenceStatus.ONLINE, true, NOW);
    }
    s.enqueue("c1", "s1", "q1", NOW);
    assertThat(s.tryReserve(reservation("c1", "s1", "a1", 1, -1)), equalTo(ReserveResult.RESERVED));

    List<Callable<LiveAgentState.Reassigned>> moves = new ArrayList<>();
    for (String boss : bosses) {
      moves.add(() -> s.reassign(reservation("c1", "s1", boss, 1, -1)));
    }
    List<LiveAgentState.Reassigned> results = concurrently(moves);

    assertThat(
        results.stream().filter(r -> r.result() == ReassignResult.REASSIGNED).count(), equalTo(1L));
    results.stream()
        .filter(r -> r.result() == ReassignResult.REASSIGNED)
        .forEach(r -> assertThat(r.previousAgentId(), equalTo("a1")));
    var loads = s.agents(concat("a1", bosses));
    assertThat(loads.get("a1").load(), equalTo(0));
    assertThat(bosses.stream().mapToInt(b -> loads.get(b).load()).sum(), equalTo(1));

    s.enqueue("c1", "s2", "q2", NOW);
    assertThat(s.tryReserve(reservation("c1", "s2", "a1", 1, -1)), equalTo(ReserveResult.RESERVED));
    s.messageInSession("s2", "a1", true, NOW);
    assertThat(
        s.reassign(reservation("c1", "s2", "b6", -1, -1)).result(),
        equalTo(ReassignResult.ANSWERED));
    assertThat(
        s.reassign(reservation("c1", "s2", "a1", -1, -1)).result(),
        equalTo(ReassignResult.ALREADY_THEIRS));
    assertThat(s.agents(List.of("a1")).get("a1").load(), equalTo(1));
  }

  @Test
  void aSessionHeldForARatingCountsUntilReleasedAndIsDueAtTheEndOfTheWait() {
    RedisLiveAgentState s = state();
    s.presenceChanged("a1", PresenceStatus.ONLINE, true, NOW);
    s.enqueue("c1", "s1", "q1", NOW);
    s.tryReserve(reservation("c1", "s1", "a1", 2, -1));
    s.messageInSession("s1", "a1", true, NOW);
    Instant until = NOW.plus(Duration.ofMinutes(10));

    assertThat(s.holdForRating("c1", "s1", until, NOW), equalTo("a1"));
    assertThat(s.holdForRating("c1", "s1", until, NOW), equalTo(null));

    assertThat(s.agents(List.of("a1")).get("a1").load(), equalTo(1));
    assertThat(s.excludedFromLimit(List.of("a1"), LimitExclusion.ANSWERED).get("a1"), equalTo(0));
    assertThat(s.dueRatings(until.minusMillis(1), 10), empty());
    assertThat(s.dueRatings(until, 10), contains("s1"));
    assertThat(s.channelOf("s1").orElseThrow(), equalTo("c1"));
    assertThat(s.release("c1", "s1", until).agentId(), equalTo("a1"));
    assertThat(s.agents(List.of("a1")).get("a1").load(), equalTo(0));
    assertThat(s.dueRatings(until, 10), empty());
  }

  @Test
  void aSessionReopenedWhileItsRatingIsAwaitedGivesItsAgentsPlaceBackAndWaitsAgain() {
    RedisLiveAgentState s = state();
    s.presenceChanged("a1", PresenceStatus.ONLINE, true, NOW);
    s.enqueue("c1", "s1", "q1", NOW);
    s.tryReserve(reservation("c1", "s1", "a1", 1, -1));
    Instant until = NOW.plus(Duration.ofMinutes(10));
    s.holdForRating("c1", "s1", until, NOW);

    assertThat(s.enqueue("c1", "s1", "q2", NOW), equalTo(Enqueued.QUEUED));

    assertThat(s.agents(List.of("a1")).get("a1").load(), equalTo(0));
    assertThat(s.dueRatings(until, 10), empty());
    assertThat(s.waiting("c1", 10), contains("s1"));
    assertThat(s.tryReserve(reservation("c1", "s1", "a1", 1, -1)), equalTo(ReserveResult.RESERVED));
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(rest);
    all.add(0, first);
    return all;
  }

  private static OfferMade offerMade(String session, List<String> agents, Instant expiresAt) {
    return offerMade("c1", session, agents, expiresAt);
  }

  private static OfferMade offerMade(
      String channel, String session, List<String> agents, Instant expiresAt) {
    return new OfferMade(
        PlatformEvent.newId(),
        channel,
        session,
        PlatformEvent.newId(),
        agents,
        expiresAt == null ? DistributionMode.ALL : DistributionMode.STRICT_ORDER,
        expiresAt,
        NOW);
  }

  private static AgentAssigned assigned(String session, String agent, String offerId) {
    return new AgentAssigned(
        PlatformEvent.newId(), "c1", session, agent, AssignmentReason.OFFER_ACCEPTED, offerId, NOW);
  }

  private static OfferWithdrawn withdrawn(
      OfferMade made, List<String> agents, WithdrawalReason reason) {
    return new OfferWithdrawn(
        PlatformEvent.newId(),
        made.channelId(),
        made.sessionId(),
        made.offerId(),
        agents,
        reason,
        NOW);
  }

  private static Reservation withCheck(Reservation reservation, AvailabilityCheck check) {
    return new Reservation(
        reservation.decision(),
        reservation.sessionLimit(),
        reservation.expectedLoad(),
        check,
        reservation.exclusion());
  }

  private static Reservation reservation(
      String channel, String session, String agent, int limit, int expectedLoad) {
    return new Reservation(
        new AgentAssigned(
            PlatformEvent.newId(),
            channel,
            session,
            agent,
            AssignmentReason.DISTRIBUTION,
            null,
            NOW),
        limit < 0 ? OptionalInt.empty() : OptionalInt.of(limit),
        expectedLoad < 0 ? OptionalInt.empty() : OptionalInt.of(expectedLoad),
        AvailabilityCheck.ONLINE);
  }

  private static <T> List<T> concurrently(List<Callable<T>> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(work.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : work) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
