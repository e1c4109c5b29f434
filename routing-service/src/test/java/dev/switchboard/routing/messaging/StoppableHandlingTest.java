package dev.switchboard.routing.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.switchboard.platform.runtime.messaging.GracefulStop;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A stop never dead-letters a record in hand: the record being handled finishes before the stop
 * goes on, a record after it is not handled, and one failing while stopping is neither acknowledged
 * nor failed (so not dead-lettered: its offset stays uncommitted and it is read again). Its own
 * application (a profile), since the stop is for real.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@TestProfile(StoppableHandlingTest.OwnApplication.class)
class StoppableHandlingTest {

  public static class OwnApplication implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("switchboard.kafka.stop-drain-timeout", "20s");
    }
  }

  @Inject StoppableHandling handling;
  @Inject GracefulStop gracefulStop;

  @Test
  void aStopLetsTheRecordInHandFinishAndLeavesTheOthersForTheNextStart() throws Exception {
    CountDownLatch inHand = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Uni<Void>> first = new AtomicReference<>();
    Thread worker =
        new Thread(
            () ->
                first.set(
                    handling.run(
                        () -> {
                          inHand.countDown();
                          awaitQuietly(release);
                        })));
    worker.start();
    assertThat(inHand.await(10, TimeUnit.SECONDS), is(true));

    Thread stopping = new Thread(this::stop);
    stopping.start();
    await().atMost(Duration.ofSeconds(10)).until(handling::stopping);
    // The stop waits for the record in hand.
    assertThat(stopping.isAlive(), is(true));

    release.countDown();
    stopping.join(10_000);
    assertThat(stopping.isAlive(), is(false));
    worker.join(10_000);
    assertThat(outcome(first.get()), equalTo("done"));

    // After the stop: a record is not handled at all, and a failure is not a dead letter.
    AtomicBoolean handled = new AtomicBoolean();
    assertThat(outcome(handling.run(() -> handled.set(true))), equalTo("left for the next start"));
    assertThat(handled.get(), is(false));
  }

  /** The platform's stop step (what Quarkus runs first when the application stops). */
  private void stop() {
    try {
      Method onStop = GracefulStop.class.getDeclaredMethod("onStop", ShutdownEvent.class);
      onStop.setAccessible(true);
      Object target =
          io.quarkus.arc.ClientProxy.class.isInstance(gracefulStop)
              ? ((io.quarkus.arc.ClientProxy) gracefulStop).arc_contextualInstance()
              : gracefulStop;
      onStop.invoke(target, new ShutdownEvent());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String outcome(Uni<Void> uni) {
    AtomicReference<String> outcome = new AtomicReference<>("left for the next start");
    uni.subscribe().with(done -> outcome.set("done"), failure -> outcome.set("failed: " + failure));
    return outcome.get();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
