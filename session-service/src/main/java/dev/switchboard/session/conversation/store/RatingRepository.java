package dev.switchboard.session.conversation.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The clients' ratings (R1-R3): one per session, of the agent who had it. */
@ApplicationScoped
public class RatingRepository {

  private static final String RECORD =
      "INSERT INTO rating (session_id, channel_id, agent_id, score, comment, rated_at)"
          + " VALUES (:session, :channel, :agent, :score, :comment, :at)"
          + " ON CONFLICT (session_id) DO NOTHING";

  /**
   * Records the session's rating in the caller's transaction; false when the session was rated
   * before (the first rating stands).
   */
  public Uni<Boolean> recordFirst(SessionEntity session, int score, String comment, Instant at) {
    return Panache.getSession()
        .flatMap(
            db ->
                db.createNativeQuery(RECORD)
                    .setParameter("session", session.id)
                    .setParameter("channel", session.channelId)
                    .setParameter("agent", session.assignedAgentId)
                    .setParameter("score", (short) score)
                    .setParameter("comment", comment)
                    .setParameter("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .executeUpdate())
        .map(rows -> rows == 1);
  }
}
