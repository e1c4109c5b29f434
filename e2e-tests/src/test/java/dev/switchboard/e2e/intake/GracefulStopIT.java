package dev.switchboard.e2e.intake;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import dev.switchboard.e2e.Platform;
import dev.switchboard.events.Topics;
import dev.switchboard.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop of session-service loses nothing (issue 11): what it was storing when it was
 * asked to stop is not committed, is read again at the next start and stored then; nothing goes to
 * the dead-letter topic because the service was stopping.
 */
class GracefulStopIT {

  @BeforeAll
  static void aloneOnTheBroker() {
    // The scenario platform's services would compete for the machine and skew nothing but time;
    // they consume other groups, so they are only stopped to keep this run short.
    Platform.stopIfRunning();
  }

  @Test
  void messagesInFlightWhenSessionServiceStopsAreStoredAfterItsNextStartAndNoneIsDeadLettered()
      throws Exception {
    int chats = Integer.getInteger("it.graceful-stop.chats", 6000);
    // Small polls: with the default (500 records a poll, six partitions) the whole burst could be
    // in hand when the stop comes, and finishing what is in hand is what a stop does.
    try (IntakeRig rig =
            new IntakeRig(
                "graceful-stop", List.of("-Dmp.messaging.incoming.inbound.max.poll.records=20"));
        TopicProbe deadLetters = TopicProbe.open(Topics.dlq(Topics.INBOUND_MESSAGES))) {
      long firstChat = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
      // Published from another thread, a little at a time: session-service stores as fast as a
      // burst arrives, so a burst published at once could be stored before the stop is asked for.
      CompletableFuture<Void> publishing =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < chats; i++) {
                  rig.publish(rig.message(firstChat + i, 1));
                  if (i % 100 == 99) {
                    rig.flush();
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                  }
                }
                rig.flush();
              });

      await("session-service is storing the burst")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> rig.stored() >= 50);
      // Counted as the stop is asked for: what is in hand then may still be finished by the stop.
      long storedWhenStopped = rig.stored();
      rig.sessions.stop();
      assertThat(
          "the stop came while the burst was being stored (else this test proves nothing)",
          storedWhenStopped,
          lessThan((long) chats));
      publishing.get(2, TimeUnit.MINUTES);

      rig.sessions.start();
      rig.sessions.awaitReady(Duration.ofSeconds(120));
      await("every message of the burst stored after the restart")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> rig.stored() >= chats);

      assertThat("messages stored", rig.stored(), equalTo((long) chats));
      assertThat("each message once", rig.storedDistinct(), equalTo((long) chats));
      assertThat("one session per client", rig.sessionsOpened(), equalTo((long) chats));
      assertThat(
          "dead letters of this connector",
          deadLetters.records().stream()
              .filter(record -> record.value().contains(rig.connectorId))
              .toList(),
          empty());
      String log = rig.sessionLogText();
      assertThat(
          "session-service's log over both starts", log, not(containsString("Error injecting")));
      assertThat(
          "session-service's log over both starts",
          log,
          not(containsString("goes to the dead-letter topic")));
    }
  }
}
