package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.events.routing.AgentAssigned;
import dev.switchboard.events.routing.DistributionMode;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Q7c: a session closed while a rating is awaited keeps counting toward its agent's limit unless
 * the channel excludes it, with a fake clock and the in-memory state.
 */
class ClosedAwaitingRatingTest extends InMemoryDistributorFixture {

  private static final String CHANNEL = "channel-1";

  @Test
  void aClosedSessionAwaitingARatingKeepsTheAgentsPlaceUntilItIsRated() {
    channel(true, LimitExclusion.NONE);
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s2", "q2");

    distributor.sessionClosed(CHANNEL, "s1", START.plus(Duration.ofMinutes(10)));
    assertThat(assignedSessions(), contains("s1"));
    assertThat(state.load("a1"), equalTo(1));

    distributor.sessionRated(CHANNEL, "s1");
    assertThat(assignedSessions(), contains("s1", "s2"));
    // A late final close changes nothing more.
    distributor.sessionClosed(CHANNEL, "s1", null);
    assertThat(state.load("a1"), equalTo(1));
  }

  @Test
  void theHeldPlaceIsFreedWhenTheRatingWaitIsOverAndNotBefore() {
    channel(true, LimitExclusion.ANSWERED);
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.messageInSession("s1", "a1", true, clock.instant());
    distributor.sessionQueued(CHANNEL, "s2", "q2");
    assertThat(assignedSessions(), contains("s1", "s2"));
    distributor.sessionQueued(CHANNEL, "s3", "q3");

    // s2 (not answered) counts; closing the answered s1 awaiting a rating makes it count too.
    distributor.sessionClosed(CHANNEL, "s1", START.plus(Duration.ofMinutes(10)));
    distributor.messageInSession("s2", "a1", true, clock.instant());
    assertThat(assignedSessions(), contains("s1", "s2"));

    clock.advance(Duration.ofMinutes(10).minusMillis(1));
    assertThat(distributor.releaseDueRatings(), equalTo(0));
    assertThat(state.waiting(CHANNEL, 0), contains("s3"));
    clock.advance(Duration.ofMillis(1));
    assertThat(distributor.releaseDueRatings(), equalTo(1));
    assertThat(assignedSessions(), contains("s1", "s2", "s3"));
    assertThat(distributor.releaseDueRatings(), equalTo(0));
  }

  @Test
  void aChannelThatExcludesClosedSessionsAwaitingARatingFreesThePlaceAtOnce() {
    channel(false, LimitExclusion.NONE);
    distributor.sessionQueued(CHANNEL, "s1", "q1");
    distributor.sessionQueued(CHANNEL, "s2", "q2");

    distributor.sessionClosed(CHANNEL, "s1", START.plus(Duration.ofMinutes(10)));

    assertThat(assignedSessions(), contains("s1", "s2"));
    assertThat(state.dueRatings(START.plus(Duration.ofDays(1)), 10), empty());
  }

  private void channel(boolean countsClosedAwaitingRating, LimitExclusion exclusion) {
    config.offer(
        new ChannelQueue(
            CHANNEL,
            1,
            false,
            List.of("a1"),
            DistributionMode.EVENLY,
            true,
            OptionalInt.of(1),
            null,
            false,
            exclusion,
            countsClosedAwaitingRating));
    distributor.presenceChanged("a1", PresenceStatus.ONLINE, true, clock.instant());
  }

  private List<String> assignedSessions() {
    return published.stream()
        .filter(AgentAssigned.class::isInstance)
        .map(e -> ((AgentAssigned) e).sessionId())
        .toList();
  }
}
