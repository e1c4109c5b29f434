package dev.switchboard.routing.distribution.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.config.AgentAbsence;
import dev.switchboard.events.presence.PresenceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentAvailabilityTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final AgentLiveState ONLINE =
      new AgentLiveState("a1", PresenceStatus.ONLINE, 0, null);

  @Test
  void anOnlineAgentWithoutADirectoryEntryIsAvailable() {
    assertThat(
        AgentAvailability.check(ONLINE, null, NOW, AvailabilityCheck.ONLINE),
        equalTo(Optional.empty()));
  }

  @Test
  void anAgentRoutingNeverHeardOfIsOffline() {
    assertThat(
        AgentAvailability.check(AgentLiveState.unknown("a1"), null, NOW, AvailabilityCheck.ONLINE),
        equalTo(Optional.of(Unavailability.OFFLINE)));
  }

  @Test
  void anAwayAgentIsNotAvailable() {
    AgentLiveState away = new AgentLiveState("a1", PresenceStatus.AWAY, 0, null);
    assertThat(
        AgentAvailability.check(away, null, NOW, AvailabilityCheck.ONLINE),
        equalTo(Optional.of(Unavailability.AWAY)));
  }

  @Test
  void anAbsenceCoversItsStartButNotItsEnd() {
    AgentEntry onLeave =
        new AgentEntry(
            "a1",
            1,
            false,
            false,
            List.of(new AgentAbsence(NOW, NOW.plusSeconds(3600), "VACATION")));

    assertThat(
        AgentAvailability.check(ONLINE, onLeave, NOW, AvailabilityCheck.ONLINE),
        equalTo(Optional.of(Unavailability.ABSENT)));
    assertThat(
        AgentAvailability.check(ONLINE, onLeave, NOW.minusMillis(1), AvailabilityCheck.ONLINE),
        equalTo(Optional.empty()));
    assertThat(
        AgentAvailability.check(ONLINE, onLeave, NOW.plusSeconds(3600), AvailabilityCheck.ONLINE),
        equalTo(Optional.empty()));
  }

  @Test
  void aDismissedAgentIsNeverAvailableEvenWithTheCheckOff() {
    AgentEntry dismissed = new AgentEntry("a1", 1, false, true, List.of());
    assertThat(
        AgentAvailability.check(ONLINE, dismissed, NOW, AvailabilityCheck.OFF),
        equalTo(Optional.of(Unavailability.DISMISSED)));
  }

  @Test
  void withTheCheckOffAnOfflineAgentIsAvailable() {
    assertThat(
        AgentAvailability.check(AgentLiveState.unknown("a1"), null, NOW, AvailabilityCheck.OFF),
        equalTo(Optional.empty()));
  }

  @Test
  void anOnlineAgentNotClockedInIsUnavailableOnlyWhereTheChannelRequiresClockingIn() {
    AgentLiveState clockedOut = new AgentLiveState("a1", PresenceStatus.ONLINE, 0, null, false);
    AgentLiveState clockedIn = new AgentLiveState("a1", PresenceStatus.ONLINE, 0, null, true);

    assertThat(
        AgentAvailability.check(clockedOut, null, NOW, AvailabilityCheck.ONLINE_AND_CLOCKED_IN),
        equalTo(Optional.of(Unavailability.NOT_CLOCKED_IN)));
    assertThat(
        AgentAvailability.check(clockedIn, null, NOW, AvailabilityCheck.ONLINE_AND_CLOCKED_IN),
        equalTo(Optional.empty()));
    assertThat(
        AgentAvailability.check(clockedOut, null, NOW, AvailabilityCheck.ONLINE),
        equalTo(Optional.empty()));
  }

  @Test
  void clockedInButOfflineIsStillOffline() {
    AgentLiveState offline = new AgentLiveState("a1", PresenceStatus.OFFLINE, 0, null, true);
    assertThat(
        AgentAvailability.check(offline, null, NOW, AvailabilityCheck.ONLINE_AND_CLOCKED_IN),
        equalTo(Optional.of(Unavailability.OFFLINE)));
  }

  @Test
  void withTheCheckOffRequiringClockInChangesNothing() {
    ChannelQueue channel =
        new ChannelQueue(
            "c1", 1, false, List.of("a1"), null, false, null, null, false, null, false, true);

    assertThat(channel.availabilityCheck(), equalTo(AvailabilityCheck.OFF));
    assertThat(
        AgentAvailability.check(
            AgentLiveState.unknown("a1"), null, NOW, channel.availabilityCheck()),
        equalTo(Optional.empty()));
  }
}
