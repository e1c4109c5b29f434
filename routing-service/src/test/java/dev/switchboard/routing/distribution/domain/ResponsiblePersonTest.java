package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.events.common.AssignmentReason;
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

/** Q14 and transfers in the domain, with a fake clock and the in-memory state. */
class ResponsiblePersonTest extends InMemoryDistributorFixture {

  private static final String CHANNEL = "channel-1";

  @Test
  void aWaitingSessionGoesToTheResponsiblePersonOutsideTheQueueAndItsOfferIsWithdrawn() {
    channel(DistributionMode.STRICT_ORDER, true, OptionalInt.empty(), "a1");
    online("a1", "boss");
    distributor.sessionQueued(CHANNEL, "s1", "q1");

    boolean assigned = distributor.clientRecognised(CHANNEL, "s1", "boss");

    assertThat(assigned, equalTo(true));
    AgentAssigned decision = events(AgentAssigned.class).get(0);
    assertThat(decision.agentId(), equalTo("boss"));
    assertThat(decision.reason(), equalTo(AssignmentReason.RESPONSIBLE_PERSON));
    assertThat(
        events(OfferWithdrawn.class).get(0).reason(),
        equalTo(WithdrawalReason.SESSION_TRANSFERRED));
    assertThat(state.waiting(CHANNEL, 0), empty());
  }

  @Test
  void withTheSwitchOffOrAResponsiblePersonWhoCannotTakeItTheSessionStaysWithTheQueue() {
    channel(DistributionMode.STRICT_ORDER, false, OptionalInt.of(1), "a1");
    online("a1", "boss");
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    assertThat(distributor.clientRecognised(CHANNEL, "s1", "boss"), equalTo(false));

    channel(DistributionMode.STRICT_ORDER, true, OptionalInt.of(1), "a1");
    state.addOpenSession("boss", "elsewhere");
    assertThat(distributor.clientRecognised(CHANNEL, "s1", "boss"), equalTo(false));
    assertThat(distributor.clientRecognised(CHANNEL, "s1", "offline-boss"), equalTo(false));

    assertThat(events(AgentAssigned.class), empty());
    assertThat(events(OfferMade.class), hasSize(1));
    assertThat(distributor.offers().openOffer("s1").orElseThrow().agentIds(), contains("a1"));
  }

  @Test
  void anAssignedSessionNotYetAnsweredMovesToTheResponsiblePersonAndFreesItsAgent() {
    channel(DistributionMode.EVENLY, true, OptionalInt.of(1), "a1");
    online("a1", "boss");
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s2", "q2");
    assertThat(state.waiting(CHANNEL, 0), contains("s2"));

    assertThat(distributor.clientRecognised(CHANNEL, "s1", "boss"), equalTo(true));
    assertThat(distributor.clientRecognised(CHANNEL, "s1", "boss"), equalTo(false));

    List<AgentAssigned> assigned = events(AgentAssigned.class);
    assertThat(assigned, hasSize(3));
    assertThat(assigned.get(1).sessionId(), equalTo("s1"));
    assertThat(assigned.get(1).agentId(), equalTo("boss"));
    assertThat(assigned.get(1).reason(), equalTo(AssignmentReason.RESPONSIBLE_PERSON));
    // a1 was released, so the waiting s2 went to a1.
    assertThat(assigned.get(2).sessionId(), equalTo("s2"));
    assertThat(assigned.get(2).agentId(), equalTo("a1"));
    assertThat(state.load("boss"), equalTo(1));
    assertThat(state.load("a1"), equalTo(1));
  }

  @Test
  void anAnsweredOrUnmovableAssignedSessionStaysWithItsAgent() {
    channel(DistributionMode.EVENLY, true, OptionalInt.of(1), "a1", "a2");
    online("a1", "a2", "boss");
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s2", "q2");
    String answeredBy = events(AgentAssigned.class).get(0).agentId();
    distributor.messageInSession("s1", answeredBy, true, clock.instant());

    assertThat(distributor.clientRecognised(CHANNEL, "s1", "boss"), equalTo(false));
    assertThat(distributor.clientRecognised(CHANNEL, "s2", "offline-boss"), equalTo(false));
    state.addOpenSession("boss", "elsewhere");
    assertThat(distributor.clientRecognised(CHANNEL, "s2", "boss"), equalTo(false));
    channel(DistributionMode.EVENLY, false, OptionalInt.empty(), "a1", "a2");
    assertThat(distributor.clientRecognised(CHANNEL, "s2", "boss"), equalTo(false));

    assertThat(events(AgentAssigned.class), hasSize(2));
    assertThat(state.load("boss"), equalTo(1));
    assertThat(state.load("a1"), equalTo(1));
    assertThat(state.load("a2"), equalTo(1));
  }

  @Test
  void aTransferToANamedAgentFreesThePreviousOneAndOnlyOncePerEvent() {
    channel(DistributionMode.EVENLY, false, OptionalInt.of(1), "a1");
    online("a1", "a2");
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s2", "q2");
    assertThat(state.waiting(CHANNEL, 0), contains("s2"));

    distributor.sessionTransferred(CHANNEL, "s1", "a2", null, "t1");
    distributor.sessionTransferred(CHANNEL, "s1", "a2", null, "t1");

    List<AgentAssigned> assigned = events(AgentAssigned.class);
    assertThat(assigned, hasSize(3));
    assertThat(assigned.get(1).agentId(), equalTo("a2"));
    assertThat(assigned.get(1).reason(), equalTo(AssignmentReason.TRANSFER));
    // a1 was freed, so the waiting s2 went to a1.
    assertThat(assigned.get(2).sessionId(), equalTo("s2"));
    assertThat(assigned.get(2).agentId(), equalTo("a1"));
    assertThat(state.load("a2"), equalTo(1));
  }

  private void channel(
      DistributionMode mode, boolean transferToResponsible, OptionalInt limit, String... agents) {
    config.offer(
        new ChannelQueue(
            CHANNEL,
            config.channel(CHANNEL).map(c -> c.version() + 1).orElse(1L),
            false,
            List.of(agents),
            mode,
            true,
            limit,
            null,
            transferToResponsible));
  }

  private void online(String... agents) {
    for (String agent : agents) {
      distributor.presenceChanged(agent, PresenceStatus.ONLINE, true, clock.instant());
    }
  }

  private <T extends RoutingEvent> List<T> events(Class<T> type) {
    return published.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
