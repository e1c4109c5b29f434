package dev.switchboard.session.timers;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Schedules, moves and cancels a session's durable timers in the caller's reactive transaction (the
 * current {@code Panache} session), so that a state change and its timer commit, or roll back,
 * together. Calling outside a transaction fails.
 *
 * <pre>{@code
 * Panache.withTransaction(() -> sessions.markAnswered(id)
 *     .call(() -> timers.cancel(TimerKind.UNANSWERED, id))
 *     .call(() -> timers.schedule(TimerKind.CONVERSATION_TIMEOUT, id, clock.instant().plus(timeout))));
 * }</pre>
 */
@ApplicationScoped
public class SessionTimers {

  /**
   * A new row as db-scheduler writes one (its data: the due time, {@link DueAtSerializer}, kept
   * through retries while execution_time moves); an existing one (pending, failing or even being
   * fired right now) is moved: unpicked, with a new version, so that a firing in progress neither
   * consumes it nor reschedules it (both check the version they picked).
   */
  private static final String SCHEDULE =
      "INSERT INTO scheduled_tasks"
          + " (task_name, task_instance, task_data, execution_time, picked, version)"
          + " VALUES (:task, :instance, convert_to(:data, 'UTF8'), :dueAt, false, 1)"
          + " ON CONFLICT (task_name, task_instance) DO UPDATE SET task_data = EXCLUDED.task_data,"
          + " execution_time = EXCLUDED.execution_time, picked = false, picked_by = NULL,"
          + " last_heartbeat = NULL, last_failure = NULL, consecutive_failures = 0,"
          + " version = scheduled_tasks.version + 1";

  /** A new row, unless the session has a timer of this kind already (then nothing changes). */
  private static final String SCHEDULE_IF_ABSENT =
      "INSERT INTO scheduled_tasks"
          + " (task_name, task_instance, task_data, execution_time, picked, version)"
          + " VALUES (:task, :instance, convert_to(:data, 'UTF8'), :dueAt, false, 1)"
          + " ON CONFLICT (task_name, task_instance) DO NOTHING";

  /**
   * A timer being fired right now is left alone: its handler re-checks the session's state (which
   * this transaction changes) and so does nothing.
   */
  private static final String CANCEL =
      "DELETE FROM scheduled_tasks WHERE task_name = :task AND task_instance = :instance"
          + " AND NOT picked";

  private static final String DUE_AT =
      "SELECT execution_time FROM scheduled_tasks WHERE task_name = :task"
          + " AND task_instance = :instance";

  /**
   * Sets the session's timer of {@code kind} to {@code dueAt}: a new timer, or the pending one
   * moved (there is at most one per session and kind). A time already past fires at the next poll.
   */
  public Uni<Void> schedule(TimerKind kind, UUID sessionId, Instant dueAt) {
    return write(SCHEDULE, kind, sessionId, dueAt);
  }

  /**
   * Sets the session's timer of {@code kind} to {@code dueAt} unless one is pending already: a
   * clock that runs from the first of several events (A3: from the client's first unanswered
   * message, not the last).
   */
  public Uni<Void> scheduleIfAbsent(TimerKind kind, UUID sessionId, Instant dueAt) {
    return write(SCHEDULE_IF_ABSENT, kind, sessionId, dueAt);
  }

  private Uni<Void> write(String statement, TimerKind kind, UUID sessionId, Instant dueAt) {
    return inTransaction(
        session ->
            session
                .createNativeQuery(statement)
                .setParameter("task", kind.taskName())
                .setParameter("instance", sessionId.toString())
                .setParameter("data", DueAtSerializer.text(dueAt))
                .setParameter("dueAt", OffsetDateTime.ofInstant(dueAt, ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
  }

  /** Removes the session's pending timer of {@code kind}; nothing when there is none. */
  public Uni<Void> cancel(TimerKind kind, UUID sessionId) {
    return inTransaction(
        session ->
            session
                .createNativeQuery(CANCEL)
                .setParameter("task", kind.taskName())
                .setParameter("instance", sessionId.toString())
                .executeUpdate()
                .replaceWithVoid());
  }

  /** When the session's timer of {@code kind} is due; empty when none is pending. */
  public Uni<Optional<Instant>> dueAt(TimerKind kind, UUID sessionId) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(DUE_AT, OffsetDateTime.class)
                    .setParameter("task", kind.taskName())
                    .setParameter("instance", sessionId.toString())
                    .getResultList())
        .map(rows -> rows.stream().findFirst().map(OffsetDateTime::toInstant));
  }

  private static Uni<Void> inTransaction(Function<Mutiny.Session, Uni<Void>> work) {
    return Panache.currentTransaction()
        .flatMap(
            transaction -> {
              if (transaction == null) {
                return Uni.createFrom()
                    .failure(
                        new IllegalStateException(
                            "Timers are scheduled and cancelled in the transaction of the"
                                + " session's change: call inside Panache.withTransaction"));
              }
              return Panache.getSession().flatMap(work::apply);
            });
  }
}
