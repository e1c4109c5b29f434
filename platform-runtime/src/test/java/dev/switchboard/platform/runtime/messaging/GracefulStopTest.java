package dev.switchboard.platform.runtime.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

  private final GracefulStop stop = new GracefulStop();

  GracefulStopTest() {
    stop.drainTimeout = Duration.ofSeconds(5);
  }

  @Test
  void whileRunningAHandlingsResultAndFailureReachTheConsumer() {
    assertEquals(
        "stored",
        stop.handle(() -> Uni.createFrom().item("stored")).await().atMost(Duration.ofSeconds(1)));
    UniAssertSubscriber<Object> failed =
        stop.handle(() -> Uni.createFrom().failure(new IllegalArgumentException("poison")))
            .subscribe()
            .withSubscriber(UniAssertSubscriber.create());
    assertInstanceOf(IllegalArgumentException.class, failed.getFailure());
  }

  @Test
  void theStopWaitsForTheRecordInHandAndLetsItFinish() throws Exception {
    CompletableFuture<String> database = new CompletableFuture<>();
    UniAssertSubscriber<String> inHand =
        stop.handle(() -> Uni.createFrom().completionStage(database))
            .subscribe()
            .withSubscriber(UniAssertSubscriber.create());
    AtomicBoolean stopped = new AtomicBoolean();
    Thread stopping =
        new Thread(
            () -> {
              stop.onStop(null);
              stopped.set(true);
            });
    stopping.start();
    // The stop is parked in its drain loop, not done, while the record is in hand.
    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> stopping.getState() == Thread.State.TIMED_WAITING);
    assertFalse(stopped.get(), "the stop waits while a record is being handled");

    database.complete("stored");
    stopping.join(2_000);
    assertTrue(stopped.get());
    assertEquals("stored", inHand.getItem());
  }

  @Test
  void onceStoppingARecordThatFailsOrArrivesIsNeitherAcknowledgedNorDeadLettered() {
    stop.onStop(null);
    AtomicBoolean started = new AtomicBoolean();

    UniAssertSubscriber<String> arrived =
        stop.handle(
                () -> {
                  started.set(true);
                  return Uni.createFrom().item("stored");
                })
            .subscribe()
            .withSubscriber(UniAssertSubscriber.create());
    UniAssertSubscriber<Object> failed =
        stop.handle(() -> Uni.createFrom().failure(new IllegalStateException("Pool closed")))
            .subscribe()
            .withSubscriber(UniAssertSubscriber.create());

    assertFalse(started.get(), "a record that arrives after the stop began is not handled");
    arrived.assertNotTerminated();
    // No failure (a failed record would be dead-lettered), no item (nor acknowledged: the next
    // start reads it again).
    failed.assertNotTerminated();
  }
}
