package dev.switchboard.gateway.presence;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.events.presence.PresenceChangeReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.gateway.presence.domain.PresenceRules;
import dev.switchboard.gateway.presence.domain.PresenceRules.Change;
import dev.switchboard.gateway.presence.domain.PresenceRules.Explicit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresenceRulesTest {

  @Test
  void anAgentWhoNeverSetAStatusIsOnlineWhileConnectedAndNotClockedIn() {
    assertThat(
        PresenceRules.firstSocketOpened(Explicit.none()),
        equalTo(
            Optional.of(
                new Change(
                    PresenceStatus.ONLINE, false, PresenceChangeReason.WEBSOCKET_CONNECTED))));
    assertThat(
        PresenceRules.lastSocketClosed(Explicit.none()),
        equalTo(
            Optional.of(
                new Change(
                    PresenceStatus.ONLINE, false, PresenceChangeReason.WEBSOCKET_DISCONNECTED))));
    assertThat(
        PresenceRules.graceExpired(Explicit.none()),
        equalTo(
            Optional.of(
                new Change(PresenceStatus.OFFLINE, false, PresenceChangeReason.GRACE_EXPIRED))));
  }

  @Test
  void anAwayAgentStaysAwayWhileConnectedAndKeepsTheirClock() {
    Explicit away = new Explicit(PresenceStatus.AWAY, true);
    assertThat(
        PresenceRules.firstSocketOpened(away),
        equalTo(
            Optional.of(
                new Change(PresenceStatus.AWAY, true, PresenceChangeReason.WEBSOCKET_CONNECTED))));
    assertThat(
        PresenceRules.graceExpired(away),
        equalTo(
            Optional.of(
                new Change(PresenceStatus.OFFLINE, true, PresenceChangeReason.GRACE_EXPIRED))));
  }

  @Test
  void anAgentWhoSetOfflineGetsNothingFromTheirSockets() {
    Explicit offline = new Explicit(PresenceStatus.OFFLINE, false);
    assertThat(PresenceRules.firstSocketOpened(offline), equalTo(Optional.empty()));
    assertThat(PresenceRules.lastSocketClosed(offline), equalTo(Optional.empty()));
    assertThat(PresenceRules.graceExpired(offline), equalTo(Optional.empty()));
  }
}
