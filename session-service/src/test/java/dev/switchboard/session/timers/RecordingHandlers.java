package dev.switchboard.session.timers;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Test handlers: they record every firing and fail on demand ("the database is away"). */
public final class RecordingHandlers {

  /** A firing as a handler saw it. */
  public record Firing(TimerKind kind, UUID sessionId, Instant dueAt, boolean inTransaction) {}

  /** Every firing that reached a handler of the service, successful or not, in order. */
  static final Queue<Firing> FIRED = new ConcurrentLinkedQueue<>();

  /** Attempts per session, including failed ones. */
  static final Map<UUID, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

  private static final Map<UUID, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();

  private RecordingHandlers() {}

  /** The next {@code times} firings of the session fail as a lost database connection would. */
  static void failNext(UUID sessionId, int times) {
    FAILURES_LEFT.put(sessionId, new AtomicInteger(times));
  }

  /** The successful firings of the session. */
  static List<Firing> firedFor(UUID sessionId) {
    return FIRED.stream().filter(f -> f.sessionId().equals(sessionId)).toList();
  }

  static int attempts(UUID sessionId) {
    AtomicInteger attempts = ATTEMPTS.get(sessionId);
    return attempts == null ? 0 : attempts.get();
  }

  /** Records into {@code fired}; fails while the session has failures left. */
  static Uni<Void> record(Queue<Firing> fired, TimerKind kind, UUID sessionId, Instant dueAt) {
    ATTEMPTS.computeIfAbsent(sessionId, id -> new AtomicInteger()).incrementAndGet();
    AtomicInteger failures = FAILURES_LEFT.get(sessionId);
    if (failures != null && failures.getAndDecrement() > 0) {
      return Uni.createFrom()
          .failure(new IllegalStateException("Connection refused (the database is away)"));
    }
    return Panache.currentTransaction()
        .invoke(tx -> fired.add(new Firing(kind, sessionId, dueAt, tx != null)))
        .replaceWithVoid();
  }

  abstract static class Recording implements TimerHandler {
    private final TimerKind kind;

    Recording(TimerKind kind) {
      this.kind = kind;
    }

    @Override
    public TimerKind kind() {
      return kind;
    }

    @Override
    public Uni<Void> fire(UUID sessionId, Instant dueAt) {
      return record(FIRED, kind, sessionId, dueAt);
    }
  }

  @Alternative
  @ApplicationScoped
  public static class Unanswered extends Recording {
    public Unanswered() {
      super(TimerKind.UNANSWERED);
    }
  }

  @Alternative
  @ApplicationScoped
  public static class RatingWait extends Recording {
    public RatingWait() {
      super(TimerKind.RATING_WAIT);
    }
  }

  @Alternative
  @ApplicationScoped
  public static class ConversationTimeout extends Recording {
    public ConversationTimeout() {
      super(TimerKind.CONVERSATION_TIMEOUT);
    }
  }
}
