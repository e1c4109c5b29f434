package dev.switchboard.platform.runtime.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientRetryTest {

  private final GracefulStop stop = new GracefulStop();
  private final TransientRetry retry = new TransientRetry();

  TransientRetryTest() {
    stop.drainTimeout = Duration.ofMillis(10);
    retry.gracefulStop = stop;
  }

  private static Uni<String> failing(AtomicInteger tries, int failures, Throwable failure) {
    return tries.incrementAndGet() <= failures
        ? Uni.createFrom().failure(failure)
        : Uni.createFrom().item("stored");
  }

  @Test
  void aDatabaseThatIsAwayIsTriedAgainMoreThanTheOldFiveTimesUntilItIsBack() {
    AtomicInteger tries = new AtomicInteger();
    String result =
        retry
            .untilDone(
                "storing",
                () ->
                    failing(
                        tries,
                        6,
                        new PgException("terminating connection", "FATAL", "57P01", null)))
            .await()
            .atMost(Duration.ofSeconds(30));
    assertEquals("stored", result);
    assertEquals(7, tries.get());
  }

  @Test
  void aFailureThatWillNeverPassIsGivenUpAfterAFewTries() {
    AtomicInteger tries = new AtomicInteger();
    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () ->
                retry
                    .untilDone(
                        "storing",
                        () ->
                            failing(
                                tries,
                                Integer.MAX_VALUE,
                                new PgException("invalid byte sequence", "ERROR", "22021", null)))
                    .await()
                    .atMost(Duration.ofSeconds(5)));
    assertInstanceOf(PgException.class, failure);
    assertEquals(TransientRetry.OTHER_TRIES, tries.get());
  }

  @Test
  void onceTheServiceIsStoppingNothingIsTriedAgain() {
    stop.onStop(null);
    AtomicInteger tries = new AtomicInteger();
    assertThrows(
        RuntimeException.class,
        () ->
            retry
                .untilDone(
                    "storing",
                    () ->
                        failing(
                            tries, 1, new PgException("admin shutdown", "FATAL", "57P01", null)))
                .await()
                .atMost(Duration.ofSeconds(5)));
    assertEquals(1, tries.get());
  }

  @Test
  void aLostRaceIsTriedAgain() {
    AtomicInteger tries = new AtomicInteger();
    String result =
        retry
            .untilDone(
                "storing",
                () ->
                    failing(
                        tries, 1, new PgException("duplicate key value", "ERROR", "23505", null)))
            .await()
            .atMost(Duration.ofSeconds(5));
    assertEquals("stored", result);
  }

  @Test
  void theBackoffDoublesUpToItsCap() {
    assertEquals(Duration.ofMillis(100), TransientRetry.backoff(1));
    assertEquals(Duration.ofMillis(800), TransientRetry.backoff(4));
    assertEquals(TransientRetry.MAX_BACKOFF, TransientRetry.backoff(7));
    assertEquals(TransientRetry.MAX_BACKOFF, TransientRetry.backoff(10_000));
  }
}
