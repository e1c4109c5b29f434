package dev.switchboard.platform.runtime.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  /** Stores through the retry; the first {@code failures} tries fail with {@code sqlState}. */
  private String store(AtomicInteger tries, int failures, String sqlState) {
    return retry
        .<String>untilDone(
            "storing",
            () ->
                tries.incrementAndGet() <= failures
                    ? Uni.createFrom().failure(new PgException("failed", "ERROR", sqlState, null))
                    : Uni.createFrom().item("stored"))
        .await()
        .atMost(Duration.ofSeconds(30));
  }

  @Test
  void aDatabaseThatIsAwayIsTriedAgainMoreThanTheOldFiveTimesUntilItIsBack() {
    AtomicInteger tries = new AtomicInteger();
    assertEquals("stored", store(tries, 6, "57P01"));
    assertEquals(7, tries.get());
  }

  @Test
  void aFailureThatWillNeverPassIsGivenUpAfterAFewTries() {
    AtomicInteger tries = new AtomicInteger();
    PgException failure =
        assertThrows(PgException.class, () -> store(tries, Integer.MAX_VALUE, "22021"));
    assertEquals("22021", failure.getSqlState());
    assertEquals(TransientRetry.OTHER_TRIES, tries.get());
  }

  @Test
  void onceTheServiceIsStoppingNothingIsTriedAgain() {
    stop.onStop(null);
    AtomicInteger tries = new AtomicInteger();
    assertThrows(PgException.class, () -> store(tries, 1, "57P01"));
    assertEquals(1, tries.get());
  }

  @Test
  void aLostRaceIsTriedAgain() {
    assertEquals("stored", store(new AtomicInteger(), 1, "23505"));
  }

  @Test
  void theBackoffDoublesUpToItsCap() {
    assertEquals(Duration.ofMillis(100), TransientRetry.backoff(1));
    assertEquals(Duration.ofMillis(800), TransientRetry.backoff(4));
    assertEquals(TransientRetry.MAX_BACKOFF, TransientRetry.backoff(7));
    assertEquals(TransientRetry.MAX_BACKOFF, TransientRetry.backoff(10_000));
  }
}
