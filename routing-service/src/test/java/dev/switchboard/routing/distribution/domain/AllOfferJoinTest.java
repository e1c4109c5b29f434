package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.routing.RoutingEvent;
import dev.switchboard.events.routing.WithdrawalReason;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** ALL (Q4): agents who become eligible while an offer is open join it (same offer id). */
class AllOfferJoinTest extends InMemoryDistributorFixture {

  private static final String CHANNEL = "channel-1";

  @Test
  void anAgentComingOnlineJoinsTheOpenOfferAndLosesItWhenAnotherAccepts() {
    channel("a1", "a2");
    online("a1");
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    String offerId = offers().get(0).offerId();

    online("a2");

    assertThat(offers(), hasSize(2));
    assertThat(offers().get(1).offerId(), equalTo(offerId));
    assertThat(offers().get(1).agentIds(), contains("a2"));
    assertThat(distributor.offers().openOffer("s1").orElseThrow().agentIds(), contains("a1", "a2"));

    distributor.offers().accept(offerId, "a1");
    OfferWithdrawn lost = events(OfferWithdrawn.class).get(0);
    assertThat(lost.agentIds(), contains("a2"));
    assertThat(lost.reason(), equalTo(WithdrawalReason.ACCEPTED_BY_ANOTHER_AGENT));
    assertThat(events(AgentAssigned.class).get(0).agentId(), equalTo("a1"));
  }

  @Test
  void anAgentWhoFreesCapacityJoinsButOneWhoDeclinedDoesNotComeBack() {
    channel("a1", "a2");
    online("a1", "a2");
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.offers().accept(offers().get(0).offerId(), "a2");
    distributor.sessionQueued(CHANNEL, "s2", "q2");
    String offerId = offers().get(1).offerId();
    assertThat(offers().get(1).agentIds(), contains("a1"));

    distributor.sessionClosed(CHANNEL, "s1");

    assertThat(offers(), hasSize(3));
    assertThat(offers().get(2).offerId(), equalTo(offerId));
    assertThat(offers().get(2).agentIds(), contains("a2"));

    distributor.offers().decline(offerId, "a1");
    distributor.presenceChanged("a1", PresenceStatus.OFFLINE, true, clock.instant());
    online("a1");

    assertThat(offers(), hasSize(3));
    assertThat(distributor.offers().openOffer("s2").orElseThrow().agentIds(), contains("a2"));
  }

  private void channel(String... agents) {
    config.offer(
        new ChannelQueue(
            CHANNEL,
            1,
            false,
            List.of(agents),
            DistributionMode.ALL,
            true,
            OptionalInt.of(1),
            null,
            false));
  }

  private void online(String... agents) {
    for (String agent : agents) {
      distributor.presenceChanged(agent, PresenceStatus.ONLINE, true, clock.instant());
    }
  }

  private List<OfferMade> offers() {
    return events(OfferMade.class);
  }

  private <T extends RoutingEvent> List<T> events(Class<T> type) {
    return published.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
