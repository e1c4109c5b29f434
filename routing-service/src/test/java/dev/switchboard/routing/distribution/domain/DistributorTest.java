package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.config.AgentAbsence;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.routing.config.store.ConfigCopy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistributorTest {

  private static final String CHANNEL = "channel-1";
  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final ConfigCopy config = new ConfigCopy();
  private final InMemoryLiveAgentState state = new InMemoryLiveAgentState();
  private final List<RoutingEvent> published = new ArrayList<>();
  private final Distributor distributor = new Distributor(config, state, published::add, clock);
  private long version;

  @Test
  void evenlyGivesTheSessionToTheLeastLoadedAgent() {
    queue(CHANNEL, "a1", "a2", "a3");
    online("a1", "a2", "a3");
    state.addOpenSession("a1", "x1");
    state.addOpenSession("a1", "x2");
    state.addOpenSession("a2", "x3");

    distributor.sessionQueued(CHANNEL, "s1", "q1");

    assertThat(agentOf("s1"), equalTo("a3"));
    AgentAssigned assigned = assignments().get(0);
    assertThat(assigned.reason(), equalTo(AssignmentReason.DISTRIBUTION));
    assertThat(assigned.channelId(), equalTo(CHANNEL));
    assertThat(assigned.occurredAt(), equalTo(START));
  }

  @Test
  void evenlySpreadsSessionsOverTheAgentsOfTheQueue() {
    queue(CHANNEL, "a1", "a2");
    online("a1", "a2");

    queued("s1", "s2", "s3", "s4");

    assertThat(agentOf("s1"), equalTo("a1"));
    assertThat(agentOf("s2"), equalTo("a2"));
    assertThat(agentOf("s3"), equalTo("a1"));
    assertThat(agentOf("s4"), equalTo("a2"));
  }

  @Test
  void theLoadCountsSessionsOfEveryChannelAndAnEqualLoadGoesToTheAgentEarlierInTheQueue() {
    queue("other-b", "a2");
    queue("other-c", "a1");
    queue(CHANNEL, "a1", "a2");
    online("a1", "a2");
    distributor.sessionQueued("other-b", "b1", "qb1");
    clock.advance(Duration.ofMinutes(5));
    distributor.sessionQueued("other-c", "c1", "qc1");
    clock.advance(Duration.ofMinutes(5));

    // Both have one session; a2 has waited longer, but a1 comes first in the queue.
    distributor.sessionQueued(CHANNEL, "s1", "q1");

    assertThat(agentOf("s1"), equalTo("a1"));
  }

  @Test
  void offlineAndAwayAgentsAreSkipped() {
    queue(CHANNEL, "never-seen", "away", "gone-offline", "a4");
    distributor.presenceChanged("away", PresenceStatus.AWAY, true, clock.instant());
    distributor.presenceChanged("gone-offline", PresenceStatus.ONLINE, true, clock.instant());
    clock.advance(Duration.ofSeconds(1));
    distributor.presenceChanged("gone-offline", PresenceStatus.OFFLINE, false, clock.instant());
    online("a4");

    distributor.sessionQueued(CHANNEL, "s1", "q1");

    assertThat(agentOf("s1"), equalTo("a4"));
  }

  @Test
  void aDismissedAgentOrOneRemovedFromTheDirectoryIsSkipped() {
    queue(CHANNEL, "dismissed", "removed", "a3");
    config.offer(new AgentEntry("dismissed", 1, false, true, List.of()));
    config.offer(new AgentEntry("removed", 1, true, false, List.of()));
    online("dismissed", "removed", "a3");

    distributor.sessionQueued(CHANNEL, "s1", "q1");

    assertThat(agentOf("s1"), equalTo("a3"));
  }

  @Test
  void anAgentIsSkippedOnlyWhileAnAbsenceCoversNow() {
    queue(CHANNEL, "a1", "a2");
    online("a1", "a2");
    Instant leaveStarts = START.plus(Duration.ofHours(1));
    Instant leaveEnds = START.plus(Duration.ofHours(2));
    config.offer(
        new AgentEntry(
            "a1", 1, false, false, List.of(new AgentAbsence(leaveStarts, leaveEnds, "VACATION"))));

    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionClosed(CHANNEL, "s1");
    clock.set(leaveStarts);
    distributor.sessionQueued(CHANNEL, "s2", "q2");
    distributor.sessionClosed(CHANNEL, "s2");
    clock.set(leaveEnds);
    distributor.sessionQueued(CHANNEL, "s3", "q3");

    assertThat(agentOf("s1"), equalTo("a1"));
    assertThat(agentOf("s2"), equalTo("a2"));
    assertThat(agentOf("s3"), equalTo("a1"));
  }

  @Test
  void withTheAvailabilityCheckOffPresenceAndAbsenceAreIgnoredButADismissalIsNot() {
    config.offer(
        new ChannelQueue(
            CHANNEL,
            ++version,
            false,
            List.of("dismissed", "offline-on-leave"),
            DistributionMode.EVENLY,
            false,
            OptionalInt.empty()));
    config.offer(new AgentEntry("dismissed", 1, false, true, List.of()));
    config.offer(
        new AgentEntry(
            "offline-on-leave",
            1,
            false,
            false,
            List.of(new AgentAbsence(START.minusSeconds(60), START.plusSeconds(60), "LEAVE"))));

    distributor.sessionQueued(CHANNEL, "s1", "q1");

    assertThat(agentOf("s1"), equalTo("offline-on-leave"));
  }

  @Test
  void withNobodyAvailableTheSessionWaitsAndNoAgentAvailableIsAnnouncedOnce() {
    queue(CHANNEL, "a1");

    Distributor.QueueOutcome first = distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s1", "q1-again");

    assertThat(first, equalTo(Distributor.QueueOutcome.WAITING));
    assertThat(assignments(), empty());
    assertThat(noAgents(), hasSize(1));
    assertThat(noAgents().get(0).reason(), equalTo(NoAgentReason.NONE_AVAILABLE));
    assertThat(noAgents().get(0).sessionId(), equalTo("s1"));
    assertThat(state.waiting(CHANNEL, 0), contains("s1"));
  }

  @Test
  void aChannelWithoutAgentsOrWithoutConfigurationReportsAnEmptyQueue() {
    queue(CHANNEL);

    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued("unknown-channel", "s2", "q2");

    assertThat(noAgents(), hasSize(2));
    assertThat(noAgents().get(0).reason(), equalTo(NoAgentReason.QUEUE_EMPTY));
    assertThat(noAgents().get(1).reason(), equalTo(NoAgentReason.QUEUE_EMPTY));
  }

  @Test
  void waitingSessionsAreAssignedInArrivalOrderWhenAnAgentComesOnline() {
    queue(CHANNEL, "a1", "a2");
    queued("s1", "s2", "s3");
    assertThat(state.waiting(CHANNEL, 0), contains("s1", "s2", "s3"));

    clock.advance(Duration.ofMinutes(1));
    online("a2");

    assertThat(
        assignments().stream().map(AgentAssigned::sessionId).toList(), contains("s1", "s2", "s3"));
    assertThat(
        assignments().stream().map(AgentAssigned::agentId).distinct().toList(), contains("a2"));
    assertThat(state.waiting(CHANNEL, 0), empty());
    assertThat(noAgents(), hasSize(3));
  }

  @Test
  void aWaitingSessionGoesFirstWhenAnAgentFreesUpAndANewerOneDoesNotOvertakeIt() {
    config.offer(
        new ChannelQueue(
            CHANNEL,
            ++version,
            false,
            List.of("a1", "a2"),
            DistributionMode.EVENLY,
            true,
            OptionalInt.of(1)));
    online("a1", "a2");
    queued("s1", "s2", "s3", "s4");
    assertThat(state.waiting(CHANNEL, 0), contains("s3", "s4"));
    assertThat(noAgents().get(0).reason(), equalTo(NoAgentReason.ALL_AT_CAPACITY));

    distributor.sessionClosed(CHANNEL, "s2");
    queued("s5");

    assertThat(agentOf("s3"), equalTo("a2"));
    assertThat(state.waiting(CHANNEL, 0), contains("s4", "s5"));
  }

  @Test
  void aSessionAlreadyAssignedIsNotAssignedAgain() {
    queue(CHANNEL, "a1", "a2");
    online("a1", "a2");

    distributor.sessionQueued(CHANNEL, "s1", "q1");
    Distributor.QueueOutcome repeated = distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s1", "another-queued-event");

    assertThat(repeated, equalTo(Distributor.QueueOutcome.ALREADY_HANDLED));
    assertThat(assignments(), hasSize(1));
    assertThat(state.load("a1") + state.load("a2"), equalTo(1));
  }

  @Test
  void closingASessionLowersTheLoadSoTheNextSessionGoesToThatAgent() {
    queue(CHANNEL, "a1", "a2");
    online("a1", "a2");
    queued("s1", "s2", "s3");
    assertThat(state.load("a1"), equalTo(2));

    distributor.sessionClosed(CHANNEL, "s1");
    distributor.sessionClosed(CHANNEL, "s1");
    queued("s4");

    assertThat(state.load("a1"), equalTo(2));
    assertThat(agentOf("s4"), equalTo("a1"));
  }

  @Test
  void aClosedSessionIsNotRoutedWhenItsQueuedEventComesAgain() {
    queue(CHANNEL, "a1");
    online("a1");
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionClosed(CHANNEL, "s1");

    distributor.sessionQueued(CHANNEL, "s1", "q1");

    assertThat(assignments(), hasSize(1));
    assertThat(state.load("a1"), equalTo(0));
  }

  @Test
  void aDecisionIsTakenAgainWhenAnotherOneChangedTheChosenAgentsLoadFirst() {
    queue(CHANNEL, "a1", "a2");
    online("a1", "a2");
    LiveAgentState racing =
        new DelegatingState(state) {
          boolean raced;

          @Override
          public Map<String, AgentLiveState> agents(List<String> agentIds) {
            Map<String, AgentLiveState> snapshot = super.agents(agentIds);
            if (!raced) {
              raced = true;
              // Another channel gives a1 a session right after this read.
              state.addOpenSession("a1", "elsewhere");
            }
            return snapshot;
          }
        };
    Distributor racingDistributor = new Distributor(config, racing, published::add, clock);

    racingDistributor.sessionQueued(CHANNEL, "s1", "q1");

    assertThat(agentOf("s1"), equalTo("a2"));
  }

  @Test
  void anOlderPresenceChangeDoesNotOverrideANewerOne() {
    queue(CHANNEL, "a1");
    distributor.presenceChanged("a1", PresenceStatus.OFFLINE, false, START.plusSeconds(10));
    distributor.presenceChanged("a1", PresenceStatus.ONLINE, true, START);

    distributor.sessionQueued(CHANNEL, "s1", "q1");

    assertThat(assignments(), empty());
  }

  private void queue(String channelId, String... agentIds) {
    config.offer(ChannelQueue.evenly(channelId, ++version, List.of(agentIds)));
  }

  private void online(String... agentIds) {
    for (String agentId : agentIds) {
      distributor.presenceChanged(agentId, PresenceStatus.ONLINE, true, clock.instant());
    }
  }

  private void queued(String... sessionIds) {
    for (String sessionId : sessionIds) {
      distributor.sessionQueued(CHANNEL, sessionId, "queued-" + sessionId);
    }
  }

  private List<AgentAssigned> assignments() {
    return published.stream()
        .filter(AgentAssigned.class::isInstance)
        .map(AgentAssigned.class::cast)
        .toList();
  }

  private List<NoAgentAvailable> noAgents() {
    return published.stream()
        .filter(NoAgentAvailable.class::isInstance)
        .map(NoAgentAvailable.class::cast)
        .toList();
  }

  private String agentOf(String sessionId) {
    List<String> agents =
        assignments().stream()
            .filter(a -> a.sessionId().equals(sessionId))
            .map(AgentAssigned::agentId)
            .toList();
    assertThat("assignments of " + sessionId, agents, hasSize(1));
    return agents.get(0);
  }

  private static class DelegatingState implements LiveAgentState {
    private final LiveAgentState delegate;

    DelegatingState(LiveAgentState delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, AgentLiveState> agents(List<String> agentIds) {
      return delegate.agents(agentIds);
    }

    @Override
    public Enqueued enqueue(String channelId, String sessionId, String queuedEventId, Instant at) {
      return delegate.enqueue(channelId, sessionId, queuedEventId, at);
    }

    @Override
    public Set<String> channelsWithWaiting(java.util.Collection<String> channelIds) {
      return delegate.channelsWithWaiting(channelIds);
    }

    @Override
    public List<String> waiting(String channelId, int max) {
      return delegate.waiting(channelId, max);
    }

    @Override
    public ReserveResult tryReserve(Reservation reservation) {
      return delegate.tryReserve(reservation);
    }

    @Override
    public boolean claimNoAgentAnnouncement(NoAgentAvailable announcement) {
      return delegate.claimNoAgentAnnouncement(announcement);
    }

    @Override
    public Released release(String channelId, String sessionId, Instant at) {
      return delegate.release(channelId, sessionId, at);
    }

    @Override
    public boolean presenceChanged(
        String agentId, PresenceStatus status, boolean clockedIn, Instant at) {
      return delegate.presenceChanged(agentId, status, clockedIn, at);
    }

    @Override
    public Map<String, Integer> openOffers(List<String> agentIds) {
      return delegate.openOffers(agentIds);
    }

    @Override
    public java.util.Optional<OpenOffer> offerOfSession(String sessionId) {
      return delegate.offerOfSession(sessionId);
    }

    @Override
    public java.util.Optional<OpenOffer> offer(String offerId) {
      return delegate.offer(offerId);
    }

    @Override
    public List<OpenOffer> offersOf(String agentId) {
      return delegate.offersOf(agentId);
    }

    @Override
    public OfferProgress progress(String sessionId) {
      return delegate.progress(sessionId);
    }

    @Override
    public OpenResult open(NewOffer offer) {
      return delegate.open(offer);
    }

    @Override
    public Accepted acceptanceOf(String sessionId, String agentId) {
      return delegate.acceptanceOf(sessionId, agentId);
    }

    @Override
    public Accepted accept(
        AgentAssigned decision,
        List<String> offerAgents,
        dev.switchboard.events.routing.OfferWithdrawn othersWithdrawn,
        java.util.OptionalInt sessionLimit,
        AvailabilityCheck availability,
        LimitExclusion exclusion) {
      return delegate.accept(
          decision, offerAgents, othersWithdrawn, sessionLimit, availability, exclusion);
    }

    @Override
    public boolean messageInSession(
        String sessionId, String agentId, boolean fromAgent, Instant at) {
      return delegate.messageInSession(sessionId, agentId, fromAgent, at);
    }

    @Override
    public Map<String, Integer> excludedFromLimit(List<String> agentIds, LimitExclusion exclusion) {
      return delegate.excludedFromLimit(agentIds, exclusion);
    }

    @Override
    public boolean leave(dev.switchboard.events.routing.OfferWithdrawn withdrawn, boolean passes) {
      return delegate.leave(withdrawn, passes);
    }

    @Override
    public boolean expire(dev.switchboard.events.routing.OfferExpired expired, Instant now) {
      return delegate.expire(expired, now);
    }

    @Override
    public Requeued requeue(
        String channelId, String sessionId, String transferEventId, Instant at) {
      return delegate.requeue(channelId, sessionId, transferEventId, at);
    }

    @Override
    public String holdForRating(String channelId, String sessionId, Instant until, Instant at) {
      return delegate.holdForRating(channelId, sessionId, until, at);
    }

    @Override
    public List<String> dueRatings(Instant now, int max) {
      return delegate.dueRatings(now, max);
    }

    @Override
    public java.util.Optional<String> channelOf(String sessionId) {
      return delegate.channelOf(sessionId);
    }

    @Override
    public JoinResult join(
        dev.switchboard.events.routing.OfferMade made,
        OptionalInt sessionLimit,
        AvailabilityCheck availability,
        LimitExclusion exclusion) {
      return delegate.join(made, sessionLimit, availability, exclusion);
    }

    @Override
    public Reassigned reassign(Reservation reservation) {
      return delegate.reassign(reservation);
    }

    @Override
    public List<String> dueOffers(Instant now, int max) {
      return delegate.dueOffers(now, max);
    }
  }
}
