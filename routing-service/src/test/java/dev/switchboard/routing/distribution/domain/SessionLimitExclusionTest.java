package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.RoutingEvent;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Q7a/b: sessions that do not count toward the limit, with a fake clock and in-memory state. */
class SessionLimitExclusionTest extends InMemoryDistributorFixture {

  private static final String CHANNEL = "channel-1";

  @Test
  void everySessionCountsUnlessTheChannelExcludesSome() {
    channel(DistributionMode.EVENLY, LimitExclusion.NONE);
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s2", "q2");

    distributor.messageInSession("s1", "a1", true, clock.instant());

    assertThat(assignedSessions(), contains("s1"));
    assertThat(state.waiting(CHANNEL, 0), contains("s2"));
  }

  @Test
  void answeredSessionsDoNotCountSoTheAgentTakesTheNextOneAtOnce() {
    channel(DistributionMode.EVENLY, LimitExclusion.ANSWERED);
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s2", "q2");
    assertThat(assignedSessions(), contains("s1"));

    distributor.messageInSession("s1", "a1", true, clock.instant());
    clock.advance(Duration.ofSeconds(1));
    // The client answering back does not make an answered session count again.
    distributor.messageInSession("s1", null, false, clock.instant());
    distributor.sessionQueued(CHANNEL, "s3", "q3");

    assertThat(assignedSessions(), contains("s1", "s2"));
    assertThat(state.waiting(CHANNEL, 0), contains("s3"));
  }

  @Test
  void sessionsWaitingForTheClientDoNotCountUntilTheClientWritesAgain() {
    channel(DistributionMode.STRICT_ORDER, LimitExclusion.WAITING_FOR_CLIENT);
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.offers().accept(lastOffer().offerId(), "a1");
    distributor.sessionQueued(CHANNEL, "s2", "q2");
    assertThat(events(OfferMade.class).size(), equalTo(1));

    distributor.messageInSession("s1", "a1", true, clock.instant());
    assertThat(lastOffer().sessionId(), equalTo("s2"));
    distributor.offers().accept(lastOffer().offerId(), "a1");

    clock.advance(Duration.ofSeconds(1));
    distributor.messageInSession("s1", null, false, clock.instant());
    // An older message arriving late changes nothing.
    distributor.messageInSession("s1", "a1", true, START);
    distributor.sessionQueued(CHANNEL, "s3", "q3");

    assertThat(assignedSessions(), contains("s1", "s2"));
    assertThat(events(OfferMade.class).size(), equalTo(2));
    assertThat(
        state.excludedFromLimit(List.of("a1"), LimitExclusion.WAITING_FOR_CLIENT).get("a1"),
        equalTo(0));
    // s1 counts again and so does s2 (not answered yet): nothing for s3 until a1 answers s2.
    distributor.sessionClosed(CHANNEL, "s1");
    assertThat(events(OfferMade.class).size(), equalTo(2));
    clock.advance(Duration.ofSeconds(1));
    distributor.messageInSession("s2", "a1", true, clock.instant());
    assertThat(lastOffer().sessionId(), equalTo("s3"));
    assertThat(
        events(AgentAssigned.class).stream().filter(a -> a.sessionId().equals("s3")).toList(),
        empty());
  }

  private void channel(DistributionMode mode, LimitExclusion exclusion) {
    config.offer(
        new ChannelQueue(
            CHANNEL,
            1,
            false,
            List.of("a1"),
            mode,
            true,
            OptionalInt.of(1),
            null,
            false,
            exclusion));
    distributor.presenceChanged("a1", PresenceStatus.ONLINE, true, clock.instant());
  }

  private List<String> assignedSessions() {
    return events(AgentAssigned.class).stream().map(AgentAssigned::sessionId).toList();
  }

  private OfferMade lastOffer() {
    List<OfferMade> made = events(OfferMade.class);
    return made.get(made.size() - 1);
  }

  private <T extends RoutingEvent> List<T> events(Class<T> type) {
    return published.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
