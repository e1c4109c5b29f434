package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.NoAgentAvailable;
import dev.switchboard.events.routing.NoAgentReason;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.events.routing.WithdrawalReason;
import dev.switchboard.routing.distribution.domain.Distributor.QueueOutcome;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Q6 "clocked in, if the channel requires it": with {@code checkAvailability} and {@code
 * requireClockIn} on, an online agent who has not clocked in is not given the channel's sessions,
 * in every mode; clocking in serves the line, clocking out withdraws that channel's offers only.
 */
class ClockInTest extends InMemoryDistributorFixture {

  @Test
  void evenlyASessionWaitsForAnAgentWhoIsOnlineButNotClockedInAndGoesToThemOnClockingIn() {
    channel("c1", DistributionMode.EVENLY, true, true, "a1");
    presence("a1", PresenceStatus.ONLINE, false);

    assertThat(distributor.sessionQueued("c1", "s1", "q1"), equalTo(QueueOutcome.WAITING));
    assertThat(
        events(NoAgentAvailable.class).get(0).reason(), equalTo(NoAgentReason.NONE_AVAILABLE));
    assertThat(events(AgentAssigned.class), empty());

    presence("a1", PresenceStatus.ONLINE, true);

    assertThat(events(AgentAssigned.class), hasSize(1));
    assertThat(events(AgentAssigned.class).get(0).agentId(), equalTo("a1"));
  }

  @Test
  void aChannelThatDoesNotRequireClockingInTakesAnAgentWhoIsNotClockedIn() {
    channel("required", DistributionMode.EVENLY, true, true, "a1");
    channel("plain", DistributionMode.EVENLY, true, false, "a1");
    presence("a1", PresenceStatus.ONLINE, false);

    distributor.sessionQueued("required", "s1", "q1");
    distributor.sessionQueued("plain", "s2", "q2");

    assertThat(events(AgentAssigned.class), hasSize(1));
    assertThat(events(AgentAssigned.class).get(0).sessionId(), equalTo("s2"));
  }

  @Test
  void withTheCheckOffRequireClockInIsIgnored() {
    channel("c1", DistributionMode.EVENLY, false, true, "a1");

    assertThat(distributor.sessionQueued("c1", "s1", "q1"), equalTo(QueueOutcome.ASSIGNED));
  }

  @Test
  void strictOrderSkipsTheAgentNotClockedInAndClockingOutPassesTheOfferOn() {
    channel("c1", DistributionMode.STRICT_ORDER, true, true, "a1", "a2", "a3");
    presence("a1", PresenceStatus.ONLINE, false);
    presence("a2", PresenceStatus.ONLINE, true);
    presence("a3", PresenceStatus.ONLINE, true);

    distributor.sessionQueued("c1", "s1", "q1");
    assertThat(offers().get(0).agentIds(), contains("a2"));

    presence("a2", PresenceStatus.ONLINE, false);

    OfferWithdrawn withdrawn = events(OfferWithdrawn.class).get(0);
    assertThat(withdrawn.agentIds(), contains("a2"));
    assertThat(withdrawn.reason(), equalTo(WithdrawalReason.AGENT_UNAVAILABLE));
    assertThat(offers(), hasSize(2));
    assertThat(offers().get(1).agentIds(), contains("a3"));
  }

  @Test
  void allClockingOutWithdrawsOnlyTheOffersOfChannelsThatRequireIt() {
    channel("required", DistributionMode.ALL, true, true, "a1", "a2");
    channel("plain", DistributionMode.ALL, true, false, "a1", "a2");
    presence("a1", PresenceStatus.ONLINE, true);
    presence("a2", PresenceStatus.ONLINE, true);
    distributor.sessionQueued("required", "s1", "q1");
    distributor.sessionQueued("plain", "s2", "q2");

    presence("a1", PresenceStatus.ONLINE, false);

    assertThat(events(OfferWithdrawn.class), hasSize(1));
    assertThat(events(OfferWithdrawn.class).get(0).sessionId(), equalTo("s1"));
    assertThat(events(OfferWithdrawn.class).get(0).agentIds(), contains("a1"));
    assertThat(distributor.offers().openOffer("s1").orElseThrow().agentIds(), contains("a2"));
    assertThat(distributor.offers().openOffer("s2").orElseThrow().agentIds(), contains("a1", "a2"));
  }

  @Test
  void allAnAgentWhoClocksInJoinsTheOpenOffer() {
    channel("c1", DistributionMode.ALL, true, true, "a1", "a2");
    presence("a1", PresenceStatus.ONLINE, true);
    presence("a2", PresenceStatus.ONLINE, false);
    distributor.sessionQueued("c1", "s1", "q1");
    assertThat(offers().get(0).agentIds(), contains("a1"));

    presence("a2", PresenceStatus.ONLINE, true);

    assertThat(offers(), hasSize(2));
    assertThat(offers().get(1).offerId(), equalTo(offers().get(0).offerId()));
    assertThat(offers().get(1).agentIds(), contains("a2"));
  }

  private void channel(
      String channelId,
      DistributionMode mode,
      boolean checkAvailability,
      boolean requireClockIn,
      String... agents) {
    config.offer(
        new ChannelQueue(
            channelId,
            1,
            false,
            List.of(agents),
            mode,
            checkAvailability,
            OptionalInt.empty(),
            null,
            false,
            LimitExclusion.NONE,
            false,
            requireClockIn));
  }

  private void presence(String agentId, PresenceStatus status, boolean clockedIn) {
    clock.advance(Duration.ofSeconds(1));
    distributor.presenceChanged(agentId, status, clockedIn, clock.instant());
  }

  private List<OfferMade> offers() {
    return events(OfferMade.class);
  }

  private <T extends RoutingEvent> List<T> events(Class<T> type) {
    return published.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
