package dev.switchboard.session.timers;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.session.OwnDatabaseConnections;
import dev.switchboard.session.timers.RecordingHandlers.Firing;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, durable timers: a timer stored in PostgreSQL in its use case's transaction fires once
 * when the (injected) clock passes its time — not before, not twice, not after it was cancelled,
 * not across two instances, not lost across a restart or while its handler keeps failing.
 */
@QuarkusTest
@TestProfile(TimersTestProfile.class)
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
@QuarkusTestResource(OwnDatabaseConnections.class)
class DurableTimersTest {

  /** Polling runs every 50 ms here: this long without a firing means none was due. */
  private static final Duration QUIET = Duration.ofMillis(500);

  @Inject SessionTimers timers;
  @Inject DurableTimers durableTimers;
  @Inject MovableClock clock;
  @Inject DataSource dataSource;
  @Inject TimersConfig config;
  @Inject MeterRegistry metrics;

  @Test
  void aTimerFiresOnceWhenTheClockPassesItsTimeInATransactionWithItsDueTime() {
    UUID session = UUID.randomUUID();
    Instant due = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
    double firedBefore = fired(TimerKind.UNANSWERED);

    inTransaction(() -> timers.schedule(TimerKind.UNANSWERED, session, due));
    assertThat(
        inTransaction(() -> timers.dueAt(TimerKind.UNANSWERED, session)), is(Optional.of(due)));
    staysUnfired(session);
    await().atMost(Duration.ofSeconds(5)).until(() -> pending(TimerKind.UNANSWERED) >= 1);

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !RecordingHandlers.firedFor(session).isEmpty());
    staysAt(session, 1);
    assertThat(
        RecordingHandlers.firedFor(session),
        contains(new Firing(TimerKind.UNANSWERED, session, due, true)));
    assertThat(rows(session), empty());
    assertThat(fired(TimerKind.UNANSWERED), is(firedBefore + 1));
  }

  @Test
  void aMovedTimerFiresAtItsNewTimeOnly() {
    UUID later = UUID.randomUUID();
    UUID earlier = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    inTransaction(
        () ->
            timers
                .schedule(TimerKind.CONVERSATION_TIMEOUT, later, now.plus(Duration.ofMinutes(10)))
                .call(
                    () ->
                        timers.schedule(
                            TimerKind.CONVERSATION_TIMEOUT,
                            earlier,
                            now.plus(Duration.ofHours(1)))));
    // The client wrote again: the timeout starts over; and another session's is brought forward.
    inTransaction(
        () ->
            timers
                .schedule(TimerKind.CONVERSATION_TIMEOUT, later, now.plus(Duration.ofMinutes(20)))
                .call(
                    () ->
                        timers.schedule(
                            TimerKind.CONVERSATION_TIMEOUT,
                            earlier,
                            now.plus(Duration.ofMinutes(5)))));

    clock.advance(Duration.ofMinutes(11));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !RecordingHandlers.firedFor(earlier).isEmpty());
    staysUnfired(later);
    assertThat(
        RecordingHandlers.firedFor(earlier).get(0).dueAt(), is(now.plus(Duration.ofMinutes(5))));

    clock.advance(Duration.ofMinutes(10));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !RecordingHandlers.firedFor(later).isEmpty());
    staysAt(later, 1);
    staysAt(earlier, 1);
    assertThat(
        RecordingHandlers.firedFor(later).get(0).dueAt(), is(now.plus(Duration.ofMinutes(20))));
  }

  @Test
  void aCancelledTimerNeverFiresAndTheSessionsOtherKindsStay() {
    UUID session = UUID.randomUUID();
    Instant due = clock.instant().plus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MILLIS);
    inTransaction(
        () ->
            timers
                .schedule(TimerKind.UNANSWERED, session, due)
                .call(() -> timers.schedule(TimerKind.RATING_WAIT, session, due)));
    // The agent answered: A3's timer goes; the rating wait of the same session is another timer.
    inTransaction(() -> timers.cancel(TimerKind.UNANSWERED, session));
    inTransaction(() -> timers.cancel(TimerKind.CONVERSATION_TIMEOUT, session)); // none: nothing

    clock.advance(Duration.ofMinutes(5));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !RecordingHandlers.firedFor(session).isEmpty());
    staysAt(session, 1);
    assertThat(RecordingHandlers.firedFor(session).get(0).kind(), is(TimerKind.RATING_WAIT));
    assertThat(rows(session), empty());
  }

  @Test
  void aTimerScheduledInATransactionThatRollsBackDoesNotExistAndNoneIsScheduledOutsideOne() {
    UUID session = UUID.randomUUID();
    Instant due = clock.instant().plus(Duration.ofMinutes(1));
    Throwable failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                VertxContextSupport.subscribeAndAwait(
                    () ->
                        Panache.withTransaction(
                            () ->
                                timers
                                    .schedule(TimerKind.UNANSWERED, session, due)
                                    .chain(
                                        () ->
                                            Uni.createFrom()
                                                .failure(
                                                    new IllegalStateException(
                                                        "the use case failed after scheduling"))))));
    assertThat(failure.getMessage(), is("the use case failed after scheduling"));
    assertThat(rows(session), empty());

    Throwable outside =
        assertThrows(
            Throwable.class,
            () ->
                VertxContextSupport.subscribeAndAwait(
                    () ->
                        Panache.withSession(
                            () -> timers.schedule(TimerKind.UNANSWERED, session, due))));
    assertThat(outside, instanceOf(IllegalStateException.class));
    assertThat(rows(session), empty());

    clock.advance(Duration.ofMinutes(2));
    staysUnfired(session);
  }

  @Test
  void twoSchedulersOnTheSameTableFireEachTimerExactlyOnce() {
    Queue<Firing> second = new ConcurrentLinkedQueue<>();
    Map<TimerKind, TimerHandler> secondHandlers = new EnumMap<>(TimerKind.class);
    for (TimerKind kind : TimerKind.values()) {
      secondHandlers.put(kind, new SecondInstanceHandler(kind, second));
    }
    Scheduler other =
        DurableTimers.newScheduler(
            dataSource,
            durableTimers.table(),
            config,
            clock,
            durableTimers.tasks(new HandlerFiring(secondHandlers, config.handlerTimeout(), null)),
            StatsRegistry.NOOP,
            "second-instance");
    other.start();
    try {
      List<UUID> sessions = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
      Instant due = clock.instant().plus(Duration.ofMinutes(1));
      inTransaction(
          () -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (UUID session : sessions) {
              all = all.call(() -> timers.schedule(TimerKind.UNANSWERED, session, due));
            }
            return all;
          });

      clock.advance(Duration.ofMinutes(2));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> firings(sessions, RecordingHandlers.FIRED) + firings(sessions, second) >= 200);
      staysQuiet();

      Map<UUID, Integer> perSession = new HashMap<>();
      for (Queue<Firing> fired : List.of(RecordingHandlers.FIRED, second)) {
        fired.stream()
            .filter(f -> sessions.contains(f.sessionId()))
            .forEach(f -> perSession.merge(f.sessionId(), 1, Integer::sum));
      }
      assertThat(perSession.size(), is(200));
      assertThat(
          "every timer fired once",
          perSession.values().stream().filter(n -> n != 1).toList(),
          empty());
      assertThat(
          "the service's scheduler fired some",
          firings(sessions, RecordingHandlers.FIRED),
          greaterThan(0L));
      assertThat("the second scheduler fired some", firings(sessions, second), greaterThan(0L));
      assertThat(rows(sessions.get(0)), empty());
    } finally {
      other.stop();
    }
  }

  @Test
  void aTimerDueWhileTheSchedulerWasStoppedFiresOnceWhenItIsBack() {
    UUID session = UUID.randomUUID();
    Instant due = clock.instant().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
    inTransaction(() -> timers.schedule(TimerKind.RATING_WAIT, session, due));

    durableTimers.stop();
    try {
      clock.advance(Duration.ofMinutes(30));
      staysUnfired(session);
      assertThat(rows(session).size(), is(1));
    } finally {
      durableTimers.start();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !RecordingHandlers.firedFor(session).isEmpty());
    staysAt(session, 1);
    assertThat(RecordingHandlers.firedFor(session).get(0).dueAt(), is(due));
  }

  @Test
  void aHandlerThatFailsIsRetriedWithBackoffUntilItSucceedsAndNeverDropped() {
    UUID session = UUID.randomUUID();
    Instant due = clock.instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
    RecordingHandlers.failNext(session, 6);
    inTransaction(() -> timers.schedule(TimerKind.UNANSWERED, session, due));
    clock.advance(Duration.ofMinutes(2));

    // Retried 10 s, 20 s, 40 s, 40 s... of the clock after each failure: nothing until the clock
    // moves.
    await().atMost(Duration.ofSeconds(10)).until(() -> RecordingHandlers.attempts(session) == 1);
    staysAt(session, 0);
    assertThat(RecordingHandlers.attempts(session), is(1));
    assertThat(rows(session).size(), is(1));

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              clock.advance(Duration.ofSeconds(45));
              return !RecordingHandlers.firedFor(session).isEmpty();
            });
    staysAt(session, 1);
    assertThat(RecordingHandlers.attempts(session), is(7));
    // The handler gets the time the timer was due, not the retry's.
    assertThat(RecordingHandlers.firedFor(session).get(0).dueAt(), is(due));
    assertThat(rows(session), empty());
  }

  @Test
  void backoffDoublesUpToItsCap() {
    RetryForever retry = new RetryForever(Duration.ofSeconds(1), Duration.ofSeconds(30));
    assertThat(
        IntStream.of(1, 2, 3, 5, 6, 7, 100).mapToObj(retry::delayAfter).toList(),
        contains(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30)));
  }

  /** A handler of the test's second instance: records into its own queue. */
  private record SecondInstanceHandler(TimerKind kind, Queue<Firing> fired)
      implements TimerHandler {
    @Override
    public Uni<Void> fire(UUID sessionId, Instant dueAt) {
      return RecordingHandlers.record(fired, kind, sessionId, dueAt);
    }
  }

  private static long firings(List<UUID> sessions, Queue<Firing> fired) {
    return fired.stream().filter(f -> sessions.contains(f.sessionId())).count();
  }

  private static void staysUnfired(UUID session) {
    staysAt(session, 0);
  }

  /** The session's timers fired {@code times} times and do not fire again over a few polls. */
  private static void staysAt(UUID session, int times) {
    await()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(5))
        .until(() -> RecordingHandlers.firedFor(session).size() == times);
  }

  private static void staysQuiet() {
    int before = RecordingHandlers.FIRED.size();
    await()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(5))
        .until(() -> RecordingHandlers.FIRED.size() == before);
  }

  private double pending(TimerKind kind) {
    var gauge = metrics.find("switchboard.session.timers.pending").tag("kind", kind.name()).gauge();
    return gauge == null ? 0 : gauge.value();
  }

  private double fired(TimerKind kind) {
    var counter =
        metrics.find("switchboard.session.timers.fired").tag("kind", kind.name()).counter();
    return counter == null ? 0 : counter.count();
  }

  private static <T> T inTransaction(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** The session's rows in scheduled_tasks: "kind@execution_time picked". */
  private List<String> rows(UUID session) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT task_name, execution_time, picked FROM "
                    + durableTimers.table()
                    + " WHERE task_instance = ?")) {
      select.setString(1, session.toString());
      List<String> rows = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(
              result.getString(1)
                  + "@"
                  + result.getObject(2)
                  + (result.getBoolean(3) ? " picked" : ""));
        }
      }
      return rows;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
