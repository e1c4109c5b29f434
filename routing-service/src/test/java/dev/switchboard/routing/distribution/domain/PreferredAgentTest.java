package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.OfferMade;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code SessionQueued.preferredAgentId}: that agent first, with a fake clock, in memory. */
class PreferredAgentTest extends InMemoryDistributorFixture {

  private static final String CHANNEL = "channel-1";

  @Test
  void anEvenlyChannelGivesTheSessionToThePreferredAgentOfItsQueue() {
    channel(DistributionMode.EVENLY, "a1", "a2");
    online("a1", "a2");

    distributor.sessionQueued(CHANNEL, "s1", "q1", "a2");

    assertThat(assigned().get(0).agentId(), equalTo("a2"));
  }

  @Test
  void aPreferredAgentWhoIsOfflineFullOrOutsideTheQueueLeavesItToTheDistribution() {
    channel(DistributionMode.EVENLY, "a1", "a2", "a3");
    online("a1", "a3", "outsider");
    state.addOpenSession("a3", "elsewhere");

    distributor.sessionQueued(CHANNEL, "s1", "q1", "a2");
    distributor.sessionQueued(CHANNEL, "s2", "q2", "outsider");
    distributor.sessionQueued(CHANNEL, "s3", "q3", "a3");

    assertThat(assigned().stream().map(AgentAssigned::agentId).toList(), contains("a1"));
    assertThat(state.waiting(CHANNEL, 0), contains("s2", "s3"));
  }

  @Test
  void aStrictOrderChannelOffersItToThePreferredAgentFirstThenCarriesOnInQueueOrder() {
    channel(DistributionMode.STRICT_ORDER, "a1", "a2", "a3");
    online("a1", "a2", "a3");

    distributor.sessionQueued(CHANNEL, "s1", "q1", "a2");
    assertThat(offers(), hasSize(1));
    assertThat(offers().get(0).agentIds(), contains("a2"));
    assertThat(offers().get(0).expiresAt(), equalTo(START.plus(Duration.ofMinutes(1))));

    clock.advance(Duration.ofMinutes(1));
    distributor.offers().expireDueOffers();

    assertThat(offers(), hasSize(2));
    assertThat(offers().get(1).agentIds(), contains("a3"));
  }

  @Test
  void anAllChannelOffersItToThePreferredAgentAloneThenToEveryoneElse() {
    channel(DistributionMode.ALL, "a1", "a2", "a3");
    online("a1", "a2", "a3");

    distributor.sessionQueued(CHANNEL, "s1", "q1", "a2");
    assertThat(offers(), hasSize(1));
    assertThat(offers().get(0).agentIds(), contains("a2"));

    distributor.offers().decline(offers().get(0).offerId(), "a2");

    assertThat(offers(), hasSize(2));
    assertThat(offers().get(1).agentIds(), contains("a1", "a3"));
    distributor.offers().accept(offers().get(1).offerId(), "a3");
    assertThat(assigned().get(0).agentId(), equalTo("a3"));
  }

  private void channel(DistributionMode mode, String... agents) {
    config.offer(
        new ChannelQueue(
            CHANNEL, 1, false, List.of(agents), mode, true, OptionalInt.of(1), null, false));
  }

  private void online(String... agents) {
    for (String agent : agents) {
      distributor.presenceChanged(agent, PresenceStatus.ONLINE, true, clock.instant());
    }
  }

  private List<AgentAssigned> assigned() {
    return published.stream()
        .filter(AgentAssigned.class::isInstance)
        .map(AgentAssigned.class::cast)
        .toList();
  }

  private List<OfferMade> offers() {
    return published.stream()
        .filter(OfferMade.class::isInstance)
        .map(OfferMade.class::cast)
        .toList();
  }
}
