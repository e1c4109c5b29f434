package dev.switchboard.routing.distribution.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.ChannelQueue;
import dev.switchboard.routing.distribution.domain.InMemoryLiveAgentState;
import dev.switchboard.routing.distribution.domain.LiveAgentState;
import dev.switchboard.routing.distribution.domain.MutableClock;
import dev.switchboard.routing.distribution.domain.OfferDistributor;
import dev.switchboard.routing.distribution.domain.OfferDistributor.AcceptOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays 10,000 sessions over 200 agents and 20 channels (half STRICT_ORDER, half ALL) through
 * {@link OfferDistributor}, with a seeded {@link Random} and a fake clock: random arrivals, closes,
 * accepts, declines, late accepts of offers no longer open, idle-time expiries, disconnects and
 * reconnects. A model built from the published events checks, after every step and at every event:
 *
 * <ol>
 *   <li>A session is assigned at most once, only to an agent it was offered to and who still held
 *       the offer; an accept of an offer no longer open assigns nothing.
 *   <li>No agent above its limit: a channel offers a session only while the agent's load plus open
 *       offers is below its limit, and an accept never takes the load past the channel's limit.
 *   <li>STRICT_ORDER offers follow queue order: one agent per offer, the first eligible agent
 *       (online, room counting open offers) who has not passed on the session this round (declined,
 *       let it expire, went away, was refused), scanning the queue from the one after the previous
 *       offer of that session, round the queue; a new session from the head of the queue. An offer
 *       expires only when its idle time is over, and none is open past it.
 *   <li>ALL offers go to every eligible agent of the queue who has not passed on that session this
 *       round, at once; the first accept wins and the others' offers are withdrawn in the same
 *       step. An agent who becomes eligible while the offer is open joins it (same offer id), so no
 *       eligible agent who did not pass is left out of an open ALL offer.
 *   <li>Rounds: a session is offered again to an agent who passed on it only in a new round, when
 *       every eligible agent had passed; {@code NoAgentAvailable(ALL_PASSED)} is announced only
 *       then.
 *   <li>No session waits without an open offer while an eligible agent who has not passed on it
 *       this round is in its channel's queue; a session has at most one open offer.
 * </ol>
 */
class OfferSimulationTest {

  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
  private static final Duration IDLE = Duration.ofMinutes(1);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3L, 20261125L})
  void tenThousandSessionsThroughOffersKeepEveryInvariant(long seed) {
    Simulation simulation = new Simulation(seed, 200, 20);
    Simulation.Stats stats = simulation.run(10_000);
    System.out.println("Offer simulation, seed " + seed + ": " + stats);

    assertEquals(10_000, stats.arrivals);
    assertTrue(stats.strictAssignments > 1_000, stats.toString());
    assertTrue(stats.allAssignments > 1_000, stats.toString());
    assertTrue(stats.expiries > 1_000, stats.toString());
    assertTrue(stats.declines > 500, stats.toString());
    assertTrue(stats.lateAccepts > 200, stats.toString());
    assertTrue(stats.withdrawnForOthers > 500, stats.toString());
    assertTrue(stats.stepsWithSomeoneWaiting > 500, stats.toString());
    assertTrue(stats.allPassed > 100, stats.toString());
    assertTrue(stats.newRounds > 50, stats.toString());
  }

  static final class Simulation {

    static final class Stats {
      int arrivals;
      int strictAssignments;
      int allAssignments;
      int expiries;
      int declines;
      int lateAccepts;
      int withdrawnForOthers;
      int disconnects;
      int refused;
      int stepsWithSomeoneWaiting;
      int mostWaiting;
      int newRounds;
      int allPassed;
      int joins;

      @Override
      public String toString() {
        return ("arrivals=%d assigned(strict)=%d assigned(all)=%d expiries=%d declines=%d"
                + " lateAccepts=%d withdrawnForOthers=%d disconnects=%d refused=%d waitingSteps=%d"
                + " mostWaiting=%d newRounds=%d allPassed=%d joins=%d")
            .formatted(
                arrivals,
                strictAssignments,
                allAssignments,
                expiries,
                declines,
                lateAccepts,
                withdrawnForOthers,
                disconnects,
                refused,
                stepsWithSomeoneWaiting,
                mostWaiting,
                newRounds,
                allPassed,
                joins);
      }
    }

    /** The model's view of an open offer. */
    private static final class ModelOffer {
      final OfferMade made;
      final Set<String> agentIds;

      ModelOffer(OfferMade made) {
        this.made = made;
        this.agentIds = new LinkedHashSet<>(made.agentIds());
      }
    }

    private final Random random;
    private final MutableClock clock = new MutableClock(START);
    private final ConfigCopy config = new ConfigCopy();
    private final InMemoryLiveAgentState state = new InMemoryLiveAgentState();
    private final OfferDistributor offers;
    private final List<String> agents = new ArrayList<>();
    private final List<ChannelQueue> channels = new ArrayList<>();
    private final Map<String, ChannelQueue> channelById = new HashMap<>();
    private final Map<String, Integer> largestLimit = new HashMap<>();
    private final Set<String> online = new HashSet<>();
    private final Map<String, Set<String>> sessionsOfAgent = new HashMap<>();
    private final Map<String, Integer> openOffersOfAgent = new HashMap<>();
    private final Map<String, String> channelOfSession = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> waiting = new HashMap<>();
    private final Set<String> everAssigned = new HashSet<>();
    private final Map<String, ModelOffer> offerOfSession = new HashMap<>();
    private final Map<String, ModelOffer> offersById = new HashMap<>();
    private final Map<String, Integer> lastOfferedPosition = new HashMap<>();
    private final Map<String, Set<String>> passedBy = new HashMap<>();
    private final List<String[]> endedOffers = new ArrayList<>();
    private final List<String> openSessions = new ArrayList<>();
    private final Stats stats = new Stats();
    private String accepting;

    Simulation(long seed, int agentCount, int channelCount) {
      random = new Random(seed);
      offers = new OfferDistributor(config, state, this::observe, clock, IDLE);
      for (int i = 0; i < agentCount; i++) {
        String agentId = "agent-" + i;
        agents.add(agentId);
        sessionsOfAgent.put(agentId, new HashSet<>());
      }
      List<String> shuffled = new ArrayList<>(agents);
      for (int c = 0; c < channelCount; c++) {
        Collections.shuffle(shuffled, random);
        ChannelQueue channel =
            new ChannelQueue(
                "channel-" + c,
                1,
                false,
                List.copyOf(shuffled.subList(0, 5 + random.nextInt(20))),
                c % 2 == 0 ? DistributionMode.STRICT_ORDER : DistributionMode.ALL,
                true,
                OptionalInt.of(1 + random.nextInt(4)));
        config.offer(channel);
        channels.add(channel);
        channelById.put(channel.channelId(), channel);
        waiting.put(channel.channelId(), new LinkedHashSet<>());
        for (String agentId : channel.agentIds()) {
          largestLimit.merge(agentId, channel.sessionLimit().getAsInt(), Math::max);
        }
      }
      for (String agentId : agents) {
        if (random.nextInt(10) < 8) {
          setPresence(agentId, PresenceStatus.ONLINE);
        }
      }
    }

    Stats run(int sessionCount) {
      while (stats.arrivals < sessionCount) {
        clock.advance(Duration.ofMillis(1 + random.nextInt(20_000)));
        int expiriesBefore = stats.expiries;
        offers.expireDueOffers();
        if (stats.expiries != expiriesBefore) {
          checkInvariants();
        }
        int dice = random.nextInt(100);
        if (dice < 22) {
          arrive();
        } else if (dice < 45) {
          closeRandomSession();
        } else if (dice < 75) {
          acceptRandomOffer();
        } else if (dice < 85) {
          declineRandomOffer();
        } else if (dice < 90) {
          acceptAnEndedOffer();
        } else {
          togglePresenceOfRandomAgent();
        }
        checkInvariants();
      }
      return stats;
    }

    private void arrive() {
      ChannelQueue channel = channels.get(random.nextInt(channels.size()));
      String sessionId = "session-" + stats.arrivals++;
      channelOfSession.put(sessionId, channel.channelId());
      waiting.get(channel.channelId()).add(sessionId);
      openSessions.add(sessionId);
      offers.sessionQueued(channel.channelId(), sessionId, "queued-" + sessionId);
    }

    private void closeRandomSession() {
      if (openSessions.isEmpty()) {
        return;
      }
      int index = random.nextInt(openSessions.size());
      String sessionId = openSessions.get(index);
      Collections.swap(openSessions, index, openSessions.size() - 1);
      openSessions.remove(openSessions.size() - 1);
      for (Set<String> sessions : sessionsOfAgent.values()) {
        sessions.remove(sessionId);
      }
      String channelId = channelOfSession.get(sessionId);
      waiting.get(channelId).remove(sessionId);
      offers.sessionClosed(channelId, sessionId);
      assertNull(offerOfSession.get(sessionId), "offer of closed " + sessionId + " still open");
      lastOfferedPosition.remove(sessionId);
      passedBy.remove(sessionId);
    }

    private ModelOffer randomOpenOffer() {
      if (offersById.isEmpty()) {
        return null;
      }
      // Sessions are numbered, so picking through them stays deterministic.
      List<String> sessionIds = new ArrayList<>(offerOfSession.keySet());
      Collections.sort(sessionIds);
      return offerOfSession.get(sessionIds.get(random.nextInt(sessionIds.size())));
    }

    private void acceptRandomOffer() {
      ModelOffer offer = randomOpenOffer();
      if (offer == null) {
        return;
      }
      List<String> holders = List.copyOf(offer.agentIds);
      String agentId = holders.get(random.nextInt(holders.size()));
      accepting = agentId;
      AcceptOutcome outcome = offers.accept(offer.made.offerId(), agentId);
      accepting = null;
      // Offers keep a place under the limit of the channel that made them and leave an agent who
      // goes offline; but the limit is a channel setting, so offers held in a channel with a
      // higher limit, accepted first, can fill the agent up to this channel's lower limit.
      if (outcome == AcceptOutcome.REFUSED) {
        stats.refused++;
        int limit = channelById.get(offer.made.channelId()).sessionLimit().getAsInt();
        assertTrue(
            sessionsOfAgent.get(agentId).size() >= limit,
            agentId + " refused " + offer.made.sessionId() + " below the limit");
        assertFalse(offer.agentIds.contains(agentId), "refused offer still held");
        return;
      }
      assertEquals(AcceptOutcome.ASSIGNED, outcome, "accept of " + offer.made.sessionId());
      assertTrue(sessionsOfAgent.get(agentId).contains(offer.made.sessionId()));
      assertFalse(offersById.containsKey(offer.made.offerId()), "accepted offer still open");
    }

    private void declineRandomOffer() {
      ModelOffer offer = randomOpenOffer();
      if (offer == null) {
        return;
      }
      List<String> holders = List.copyOf(offer.agentIds);
      String agentId = holders.get(random.nextInt(holders.size()));
      stats.declines++;
      assertTrue(offers.decline(offer.made.offerId(), agentId));
    }

    private void acceptAnEndedOffer() {
      if (endedOffers.isEmpty()) {
        return;
      }
      String[] ended = endedOffers.get(random.nextInt(endedOffers.size()));
      ModelOffer stillOpen = offersById.get(ended[0]);
      if (stillOpen != null && stillOpen.agentIds.contains(ended[1])) {
        return;
      }
      stats.lateAccepts++;
      int assignedBefore = everAssigned.size();
      assertEquals(AcceptOutcome.NOT_OFFERED, offers.accept(ended[0], ended[1]));
      assertEquals(assignedBefore, everAssigned.size(), "a late accept assigned a session");
    }

    private void togglePresenceOfRandomAgent() {
      String agentId = agents.get(random.nextInt(agents.size()));
      if (online.contains(agentId)) {
        stats.disconnects++;
        setPresence(agentId, random.nextBoolean() ? PresenceStatus.OFFLINE : PresenceStatus.AWAY);
        assertEquals(0, openOffersOfAgent.getOrDefault(agentId, 0), agentId + " kept offers");
      } else {
        setPresence(agentId, PresenceStatus.ONLINE);
      }
    }

    private void setPresence(String agentId, PresenceStatus status) {
      if (status == PresenceStatus.ONLINE) {
        online.add(agentId);
      } else {
        online.remove(agentId);
      }
      offers.presenceChanged(agentId, status, true, clock.instant());
    }

    private boolean eligible(String agentId, ChannelQueue channel) {
      return online.contains(agentId)
          && sessionsOfAgent.get(agentId).size() + openOffersOfAgent.getOrDefault(agentId, 0)
              < channel.sessionLimit().getAsInt();
    }

    private void observe(RoutingEvent event) {
      if (event instanceof OfferMade made) {
        offerMade(made);
      } else if (event instanceof OfferExpired expired) {
        ModelOffer offer = offersById.get(expired.offerId());
        assertNotNull(offer, "expiry of an unknown offer");
        assertNotNull(offer.made.expiresAt(), "an ALL offer expired");
        assertFalse(clock.instant().isBefore(offer.made.expiresAt()), "expired early");
        assertEquals(List.copyOf(offer.agentIds), expired.agentIds());
        stats.expiries++;
        passedBy
            .computeIfAbsent(expired.sessionId(), x -> new HashSet<>())
            .addAll(expired.agentIds());
        leave(offer, expired.agentIds());
      } else if (event instanceof OfferWithdrawn withdrawn) {
        ModelOffer offer = offersById.get(withdrawn.offerId());
        assertNotNull(offer, "withdrawal of an unknown offer");
        assertTrue(offer.agentIds.containsAll(withdrawn.agentIds()), "withdrawn from others");
        if (withdrawn.reason() == WithdrawalReason.DECLINED
            || withdrawn.reason() == WithdrawalReason.AGENT_UNAVAILABLE) {
          passedBy
              .computeIfAbsent(withdrawn.sessionId(), s -> new HashSet<>())
              .addAll(withdrawn.agentIds());
        }
        if (withdrawn.reason() == WithdrawalReason.ACCEPTED_BY_ANOTHER_AGENT) {
          stats.withdrawnForOthers += withdrawn.agentIds().size();
          // Withdrawn in the same step as the acceptance.
          assertFalse(waiting.get(withdrawn.channelId()).contains(withdrawn.sessionId()));
        }
        leave(offer, withdrawn.agentIds());
      } else if (event instanceof AgentAssigned assigned) {
        agentAssigned(assigned);
      } else if (event instanceof NoAgentAvailable noAgent
          && noAgent.reason() == NoAgentReason.ALL_PASSED) {
        stats.allPassed++;
        // Announced only when every eligible agent passed on the waiting session this round.
        ChannelQueue channel = channelById.get(noAgent.channelId());
        Set<String> passed = passedBy.getOrDefault(noAgent.sessionId(), Set.of());
        assertNull(offerOfSession.get(noAgent.sessionId()), "all passed with an open offer");
        for (String agentId : channel.agentIds()) {
          assertFalse(
              eligible(agentId, channel) && !passed.contains(agentId),
              "all passed while " + agentId + " did not");
        }
      }
    }

    private void offerMade(OfferMade made) {
      String sessionId = made.sessionId();
      ChannelQueue channel = channelById.get(made.channelId());
      assertTrue(waiting.get(channel.channelId()).contains(sessionId), sessionId + " not waiting");
      ModelOffer joined = offersById.get(made.offerId());
      if (joined != null) {
        // ALL: an agent who became eligible joins the open offer (same offer id, just that agent).
        assertEquals(
            DistributionMode.ALL, channel.distributionMode(), "only ALL offers are joined");
        assertEquals(1, made.agentIds().size(), "one agent joins at a time");
        String agentId = made.agentIds().get(0);
        assertFalse(joined.agentIds.contains(agentId), agentId + " joined an offer it holds");
        assertTrue(eligible(agentId, channel), agentId + " joined without being eligible");
        assertFalse(
            passedBy.getOrDefault(sessionId, Set.of()).contains(agentId),
            agentId + " joined an offer it passed on");
        joined.agentIds.add(agentId);
        openOffersOfAgent.merge(agentId, 1, Integer::sum);
        assertTrue(
            sessionsOfAgent.get(agentId).size() + openOffersOfAgent.get(agentId)
                <= channel.sessionLimit().getAsInt(),
            agentId + " offered past the limit");
        stats.joins++;
        return;
      }
      assertNull(offerOfSession.get(sessionId), sessionId + " offered twice at once");
      assertEquals(channel.distributionMode(), made.distributionMode());
      if (channel.distributionMode() == DistributionMode.STRICT_ORDER) {
        assertEquals(1, made.agentIds().size(), "STRICT_ORDER offers to one agent");
        assertEquals(clock.instant().plus(IDLE), made.expiresAt());
        int size = channel.agentIds().size();
        int start = lastOfferedPosition.getOrDefault(sessionId, -1) + 1;
        Set<String> passed = passedThisRound(sessionId, channel);
        String expected = null;
        for (int step = 0; step < size && expected == null; step++) {
          String candidate = channel.agentIds().get((start + step) % size);
          if (eligible(candidate, channel) && !passed.contains(candidate)) {
            expected = candidate;
          }
        }
        assertEquals(expected, made.agentIds().get(0), "queue order for " + sessionId);
        lastOfferedPosition.put(sessionId, channel.agentIds().indexOf(expected));
      } else {
        assertNull(made.expiresAt(), "an ALL offer does not expire");
        Set<String> passed = passedThisRound(sessionId, channel);
        List<String> expected =
            channel.agentIds().stream()
                .filter(agentId -> eligible(agentId, channel) && !passed.contains(agentId))
                .toList();
        assertEquals(expected, made.agentIds(), "ALL offers " + sessionId + " to every eligible");
      }
      ModelOffer offer = new ModelOffer(made);
      offersById.put(made.offerId(), offer);
      offerOfSession.put(sessionId, offer);
      for (String agentId : made.agentIds()) {
        openOffersOfAgent.merge(agentId, 1, Integer::sum);
        assertTrue(
            sessionsOfAgent.get(agentId).size() + openOffersOfAgent.get(agentId)
                <= channel.sessionLimit().getAsInt(),
            agentId + " offered past the limit");
      }
    }

    /**
     * The agents who passed on the session in this round; when every eligible agent did, the offer
     * being made starts a new round, in which nobody has passed yet.
     */
    private Set<String> passedThisRound(String sessionId, ChannelQueue channel) {
      Set<String> passed = passedBy.getOrDefault(sessionId, Set.of());
      boolean someoneLeft =
          channel.agentIds().stream()
              .anyMatch(agentId -> eligible(agentId, channel) && !passed.contains(agentId));
      if (!someoneLeft) {
        stats.newRounds++;
        passedBy.remove(sessionId);
        return Set.of();
      }
      return passed;
    }

    private void agentAssigned(AgentAssigned assigned) {
      String sessionId = assigned.sessionId();
      String agentId = assigned.agentId();
      ChannelQueue channel = channelById.get(assigned.channelId());
      if (!everAssigned.add(sessionId)) {
        fail(sessionId + " assigned a second time, now to " + agentId);
      }
      assertEquals(accepting, agentId, "assigned to someone who did not accept");
      ModelOffer offer = offersById.get(assigned.offerId());
      assertNotNull(offer, "assigned through an offer that is not open");
      assertTrue(offer.agentIds.contains(agentId), agentId + " did not hold the offer");
      assertEquals(sessionId, offer.made.sessionId());
      assertTrue(online.contains(agentId), agentId + " not online");
      // The offer's place under the limit becomes the session.
      leave(offer, List.of(agentId));
      int load = sessionsOfAgent.get(agentId).size();
      assertTrue(load < channel.sessionLimit().getAsInt(), agentId + " past the limit");
      sessionsOfAgent.get(agentId).add(sessionId);
      waiting.get(channel.channelId()).remove(sessionId);
      if (channel.distributionMode() == DistributionMode.STRICT_ORDER) {
        stats.strictAssignments++;
      } else {
        stats.allAssignments++;
      }
      lastOfferedPosition.remove(sessionId);
      passedBy.remove(sessionId);
    }

    private void leave(ModelOffer offer, List<String> agentIds) {
      for (String agentId : agentIds) {
        if (offer.agentIds.remove(agentId)) {
          openOffersOfAgent.merge(agentId, -1, Integer::sum);
          endedOffers.add(new String[] {offer.made.offerId(), agentId});
          if (endedOffers.size() > 500) {
            endedOffers.remove(random.nextInt(endedOffers.size()));
          }
        }
      }
      if (offer.agentIds.isEmpty()) {
        offersById.remove(offer.made.offerId());
        offerOfSession.remove(offer.made.sessionId(), offer);
      }
    }

    private void checkInvariants() {
      Instant now = clock.instant();
      for (String agentId : agents) {
        int load = sessionsOfAgent.get(agentId).size();
        int held = openOffersOfAgent.getOrDefault(agentId, 0);
        assertEquals(load, state.load(agentId), "load of " + agentId);
        assertEquals(held, offers.openOffersOf(agentId), "open offers of " + agentId);
        assertTrue(
            load + held <= largestLimit.getOrDefault(agentId, 0), agentId + " above every limit");
      }
      for (ModelOffer offer : offersById.values()) {
        if (offer.made.expiresAt() != null) {
          assertTrue(offer.made.expiresAt().isAfter(now), "offer open past its idle time");
        }
      }
      boolean someoneWaiting = false;
      int waitingNow = 0;
      for (ChannelQueue channel : channels) {
        LinkedHashSet<String> line = waiting.get(channel.channelId());
        waitingNow += line.size();
        assertEquals(List.copyOf(line), state.waiting(channel.channelId(), 0));
        for (String sessionId : line) {
          someoneWaiting = true;
          ModelOffer offer = offerOfSession.get(sessionId);
          LiveAgentState.OpenOffer open = offers.openOffer(sessionId).orElse(null);
          if (offer != null) {
            assertNotNull(open, "model has an offer for " + sessionId + ", the domain none");
            assertEquals(offer.made.offerId(), open.offerId());
            assertEquals(List.copyOf(offer.agentIds), open.agentIds());
            if (channel.distributionMode() == DistributionMode.ALL) {
              Set<String> passed = passedBy.getOrDefault(sessionId, Set.of());
              for (String agentId : channel.agentIds()) {
                if (eligible(agentId, channel)
                    && !passed.contains(agentId)
                    && !offer.agentIds.contains(agentId)) {
                  fail(sessionId + "'s ALL offer left out " + agentId + ", who has room");
                }
              }
            }
            continue;
          }
          assertNull(open, "domain has an offer for " + sessionId + ", the model none");
          Set<String> declined = passedBy.getOrDefault(sessionId, Set.of());
          for (String agentId : channel.agentIds()) {
            if (eligible(agentId, channel) && !declined.contains(agentId)) {
              fail(sessionId + " waits without an offer while " + agentId + " has room");
            }
          }
        }
      }
      if (someoneWaiting) {
        stats.stepsWithSomeoneWaiting++;
      }
      stats.mostWaiting = Math.max(stats.mostWaiting, waitingNow);
    }
  }
}
