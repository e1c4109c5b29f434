package dev.switchboard.session.conversation.store;

import dev.switchboard.session.conversation.domain.SessionState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** Sessions as stored: reads, locks and lists; every method runs in the caller's session. */
@ApplicationScoped
public class SessionRepository {

  /** The session, locked until the transaction ends; null when there is none. */
  public Uni<SessionEntity> locked(UUID id) {
    return SessionEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /** The session without a lock; null when there is none. */
  public Uni<SessionEntity> find(UUID id) {
    return SessionEntity.findById(id);
  }

  /**
   * The client's open session that came in through this channel (it may have been transferred to
   * another channel since), locked until the transaction ends; null when there is none.
   */
  public Uni<SessionEntity> openOfClientLocked(UUID clientId, String originChannelId) {
    return SessionEntity.<SessionEntity>find(
            "clientId = ?1 and originChannelId = ?2 and state <> ?3",
            clientId,
            originChannelId,
            SessionState.CLOSED)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
  }

  /** The sessions the bot has now (state BOT), oldest first, after the cursor's sequence. */
  public Uni<List<SessionEntity>> withBot(String botId, long afterSeq, int limit) {
    return SessionEntity.<SessionEntity>find(
            "state = ?1 and botId = ?2 and seq > ?3 order by seq",
            SessionState.BOT,
            botId,
            afterSeq)
        .range(0, limit - 1)
        .list();
  }

  /**
   * The agent's open sessions (assigned to them) and the waiting sessions offered to them (an open
   * offer), oldest first, after the cursor's sequence.
   */
  public Uni<List<SessionEntity>> assignedOrOfferedTo(String agentId, long afterSeq, int limit) {
    return SessionEntity.<SessionEntity>find(
            "from SessionEntity s where s.seq > ?2 and ((s.state in ?3 and"
                + " s.assignedAgentId = ?1) or (s.state = ?4 and exists (from OfferEntity"
                + " o where o.sessionId = s.id and o.agentId = ?1 and o.closedAt is"
                + " null))) order by s.seq",
            agentId,
            afterSeq,
            SessionState.withAgent(),
            SessionState.QUEUED)
        .range(0, limit - 1)
        .list();
  }

  /** Stores a new session. */
  public Uni<SessionEntity> add(SessionEntity session) {
    return session.persist();
  }
}
