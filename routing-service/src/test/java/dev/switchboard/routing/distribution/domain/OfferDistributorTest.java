package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import dev.switchboard.routing.config.store.ConfigCopy;
import dev.switchboard.routing.distribution.domain.OfferDistributor.AcceptOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OfferDistributorTest {

  private static final String CHANNEL = "channel-1";
  private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
  private static final Duration IDLE = Duration.ofMinutes(2);

  private final MutableClock clock = new MutableClock(START);
  private final ConfigCopy config = new ConfigCopy();
  private final InMemoryLiveAgentState state = new InMemoryLiveAgentState();
  private final List<RoutingEvent> published = new ArrayList<>();
  private final OfferDistributor offers =
      new OfferDistributor(config, state, published::add, clock, IDLE);
  private long version;

  @Test
  void strictOrderOffersTheSessionToTheFirstAvailableAgentInQueueOrderUntilTheIdleTimeIsOver() {
    queue(DistributionMode.STRICT_ORDER, OptionalInt.empty(), "a1", "a2", "a3");
    online("a2", "a3");
    state.addOpenSession("a3", "elsewhere");

    offers.sessionQueued(CHANNEL, "s1", "q1");

    OfferMade offer = lastOffer();
    assertThat(offer.agentIds(), contains("a2"));
    assertThat(offer.distributionMode(), equalTo(DistributionMode.STRICT_ORDER));
    assertThat(offer.expiresAt(), equalTo(START.plus(IDLE)));
    assertThat(state.waiting(CHANNEL, 0), contains("s1"));
  }

  @Test
  void strictOrderPassesAnExpiredOfferToTheNextAgentAndAfterAWholeRoundTheSessionWaits() {
    queue(DistributionMode.STRICT_ORDER, OptionalInt.empty(), "a1", "a2", "a3");
    online("a1", "a2", "a3");
    offers.sessionQueued(CHANNEL, "s1", "q1");

    List<String> offeredTo = new ArrayList<>(lastOffer().agentIds());
    for (int i = 0; i < 3; i++) {
      clock.advance(IDLE.minusSeconds(1));
      offers.expireDueOffers();
      assertThat("not yet due", published.get(published.size() - 1), equalTo(lastOffer()));
      clock.advance(Duration.ofSeconds(1));
      offers.expireDueOffers();
      if (i < 2) {
        offeredTo.addAll(lastOffer().agentIds());
      }
    }

    assertThat(offeredTo, contains("a1", "a2", "a3"));
    assertThat(events(OfferExpired.class), hasSize(3));
    assertThat(events(OfferExpired.class).get(0).agentIds(), contains("a1"));
    assertThat(events(OfferMade.class), hasSize(3));
    assertThat(offers.openOffer("s1").isEmpty(), equalTo(true));
    assertThat(events(NoAgentAvailable.class), hasSize(1));
    assertThat(events(NoAgentAvailable.class).get(0).reason(), equalTo(NoAgentReason.ALL_PASSED));
    assertThat(state.waiting(CHANNEL, 0), contains("s1"));

    // Nothing new: the timer and the periodic serving leave it waiting.
    clock.advance(IDLE);
    offers.expireDueOffers();
    offers.serveWaitingLine(CHANNEL);
    assertThat(events(OfferMade.class), hasSize(3));

    // An agent coming online (again) starts a new round, from the one after the last offered.
    offline("a2");
    online("a2");
    assertThat(lastOffer().agentIds(), contains("a1"));
    assertThat(events(OfferMade.class), hasSize(4));
    assertThat(events(NoAgentAvailable.class), hasSize(1));
  }

  @Test
  void strictOrderPassesADeclinedOfferAtOnceAndSkipsAnAgentWhoWentOffline() {
    queue(DistributionMode.STRICT_ORDER, OptionalInt.empty(), "a1", "a2", "a3");
    online("a1", "a2", "a3");
    offers.sessionQueued(CHANNEL, "s1", "q1");

    offers.decline(lastOffer().offerId(), "a1");
    assertThat(lastOffer().agentIds(), contains("a2"));
    offline("a3");
    offline("a2");

    // a1 declined this round, a2 and a3 are gone: nobody is left in this round.
    assertThat(events(OfferMade.class), hasSize(2));
    OfferWithdrawn withdrawn = events(OfferWithdrawn.class).get(1);
    assertThat(withdrawn.agentIds(), contains("a2"));
    assertThat(withdrawn.reason(), equalTo(WithdrawalReason.AGENT_UNAVAILABLE));
    assertThat(events(OfferWithdrawn.class).get(0).reason(), equalTo(WithdrawalReason.DECLINED));
    assertThat(events(NoAgentAvailable.class).get(0).reason(), equalTo(NoAgentReason.ALL_PASSED));

    online("a3");

    assertThat(lastOffer().agentIds(), contains("a3"));
  }

  @Test
  void acceptingAnOfferAssignsTheSessionOnceAndALaterAcceptIsRefused() {
    queue(DistributionMode.STRICT_ORDER, OptionalInt.empty(), "a1", "a2");
    online("a1", "a2");
    offers.sessionQueued(CHANNEL, "s1", "q1");
    String offerId = lastOffer().offerId();

    AcceptOutcome first = offers.accept(offerId, "a1");
    AcceptOutcome again = offers.accept(offerId, "a1");
    clock.advance(IDLE);
    offers.expireDueOffers();

    assertThat(first, equalTo(AcceptOutcome.ASSIGNED));
    assertThat(again, equalTo(AcceptOutcome.NOT_OFFERED));
    AgentAssigned assigned = events(AgentAssigned.class).get(0);
    assertThat(events(AgentAssigned.class), hasSize(1));
    assertThat(assigned.agentId(), equalTo("a1"));
    assertThat(assigned.reason(), equalTo(AssignmentReason.OFFER_ACCEPTED));
    assertThat(assigned.offerId(), equalTo(offerId));
    assertThat(events(OfferExpired.class), empty());
    assertThat(state.waiting(CHANNEL, 0), empty());
    assertThat(state.load("a1"), equalTo(1));
  }

  @Test
  void anAgentWhoseOfferExpiredCannotAcceptIt() {
    queue(DistributionMode.STRICT_ORDER, OptionalInt.empty(), "a1", "a2");
    online("a1", "a2");
    offers.sessionQueued(CHANNEL, "s1", "q1");
    String offerId = lastOffer().offerId();
    clock.advance(IDLE);
    offers.expireDueOffers();

    assertThat(offers.accept(offerId, "a1"), equalTo(AcceptOutcome.NOT_OFFERED));
    assertThat(offers.accept(offerId, "a2"), equalTo(AcceptOutcome.NOT_OFFERED));
    assertThat(offers.accept(lastOffer().offerId(), "a2"), equalTo(AcceptOutcome.ASSIGNED));
  }

  @Test
  void openOffersCountTowardTheLimitSoTheNextSessionGoesToTheNextAgent() {
    queue(DistributionMode.STRICT_ORDER, OptionalInt.of(1), "a1", "a2");
    online("a1", "a2");

    offers.sessionQueued(CHANNEL, "s1", "q1");
    offers.sessionQueued(CHANNEL, "s2", "q2");
    offers.sessionQueued(CHANNEL, "s3", "q3");

    assertThat(offers.openOffer("s1").orElseThrow().agentIds(), contains("a1"));
    assertThat(offers.openOffer("s2").orElseThrow().agentIds(), contains("a2"));
    assertThat(offers.openOffer("s3").isEmpty(), equalTo(true));
    assertThat(events(NoAgentAvailable.class), hasSize(1));
    assertThat(
        events(NoAgentAvailable.class).get(0).reason(), equalTo(NoAgentReason.ALL_AT_CAPACITY));

    offers.accept(offers.openOffer("s1").orElseThrow().offerId(), "a1");
    offers.sessionClosed(CHANNEL, "s1");

    assertThat(offers.openOffer("s3").orElseThrow().agentIds(), contains("a1"));
  }

  @Test
  void anAgentFilledByAnotherChannelMeanwhileIsRefusedAndTheOfferPassesOn() {
    queue(DistributionMode.STRICT_ORDER, OptionalInt.of(1), "a1", "a2");
    online("a1", "a2");
    offers.sessionQueued(CHANNEL, "s1", "q1");
    state.addOpenSession("a1", "elsewhere");

    AcceptOutcome outcome = offers.accept(lastOffer().offerId(), "a1");

    assertThat(outcome, equalTo(AcceptOutcome.REFUSED));
    assertThat(lastOffer().agentIds(), contains("a2"));
    assertThat(state.load("a1"), equalTo(1));
  }

  @Test
  void allOffersTheSessionToEveryAvailableAgentAndTheFirstToAcceptGetsIt() {
    queue(DistributionMode.ALL, OptionalInt.empty(), "a1", "a2", "a3", "a4");
    online("a1", "a2", "a3");

    offers.sessionQueued(CHANNEL, "s1", "q1");
    OfferMade offer = lastOffer();
    AcceptOutcome second = offers.accept(offer.offerId(), "a2");
    AcceptOutcome late = offers.accept(offer.offerId(), "a1");

    assertThat(offer.agentIds(), contains("a1", "a2", "a3"));
    assertThat(offer.expiresAt(), nullValue());
    assertThat(second, equalTo(AcceptOutcome.ASSIGNED));
    assertThat(late, equalTo(AcceptOutcome.NOT_OFFERED));
    assertThat(events(AgentAssigned.class), hasSize(1));
    assertThat(events(AgentAssigned.class).get(0).agentId(), equalTo("a2"));
    OfferWithdrawn withdrawn = events(OfferWithdrawn.class).get(0);
    assertThat(withdrawn.agentIds(), contains("a1", "a3"));
    assertThat(withdrawn.reason(), equalTo(WithdrawalReason.ACCEPTED_BY_ANOTHER_AGENT));
    assertThat(withdrawn.occurredAt(), equalTo(events(AgentAssigned.class).get(0).occurredAt()));
  }

  @Test
  void allDoesNotOfferTheSessionAgainToAnAgentWhoDeclinedIt() {
    queue(DistributionMode.ALL, OptionalInt.empty(), "a1", "a2");
    online("a1", "a2");
    offers.sessionQueued(CHANNEL, "s1", "q1");
    String offerId = lastOffer().offerId();

    offers.decline(offerId, "a1");
    offers.decline(offerId, "a2");
    int offersMade = events(OfferMade.class).size();
    online("a3");
    queue(DistributionMode.ALL, OptionalInt.empty(), "a1", "a2", "a3");
    offers.serveWaitingLine(CHANNEL);

    assertThat(offersMade, equalTo(1));
    assertThat(lastOffer().agentIds(), contains("a3"));
    assertThat(offers.openOffersOf("a1"), equalTo(0));
  }

  @Test
  void closingASessionWithdrawsItsOffer() {
    queue(DistributionMode.ALL, OptionalInt.empty(), "a1", "a2");
    online("a1", "a2");
    offers.sessionQueued(CHANNEL, "s1", "q1");
    String offerId = lastOffer().offerId();

    offers.sessionClosed(CHANNEL, "s1");

    assertThat(
        events(OfferWithdrawn.class).get(0).reason(), equalTo(WithdrawalReason.SESSION_CLOSED));
    assertThat(offers.accept(offerId, "a1"), equalTo(AcceptOutcome.NOT_OFFERED));
    assertThat(offers.openOffersOf("a1"), equalTo(0));
    assertThat(events(AgentAssigned.class), empty());
  }

  @Test
  void aSessionWithNobodyOnlineWaitsAndIsOfferedWhenAnAgentComesOnline() {
    queue(DistributionMode.STRICT_ORDER, OptionalInt.empty(), "a1", "a2");

    offers.sessionQueued(CHANNEL, "s1", "q1");
    offers.sessionQueued(CHANNEL, "s1", "q1");
    assertThat(events(OfferMade.class), empty());
    assertThat(events(NoAgentAvailable.class), hasSize(1));
    assertThat(
        events(NoAgentAvailable.class).get(0).reason(), equalTo(NoAgentReason.NONE_AVAILABLE));

    online("a2");

    assertThat(lastOffer().agentIds(), contains("a2"));
  }

  @Test
  void theIdleTimeIsOneMinuteToTwelveHours() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new OfferDistributor(config, state, published::add, clock, Duration.ofSeconds(59)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new OfferDistributor(
                config, state, published::add, clock, Duration.ofHours(12).plusSeconds(1)));
  }

  private void queue(DistributionMode mode, OptionalInt limit, String... agentIds) {
    config.offer(new ChannelQueue(CHANNEL, ++version, false, List.of(agentIds), mode, true, limit));
  }

  private void online(String... agentIds) {
    for (String agentId : agentIds) {
      offers.presenceChanged(agentId, PresenceStatus.ONLINE, true, clock.instant());
    }
  }

  private void offline(String agentId) {
    offers.presenceChanged(agentId, PresenceStatus.OFFLINE, false, clock.instant());
  }

  private OfferMade lastOffer() {
    List<OfferMade> made = events(OfferMade.class);
    return made.get(made.size() - 1);
  }

  private <T extends RoutingEvent> List<T> events(Class<T> type) {
    return published.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
