package dev.switchboard.session.conversation.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a session (dialog). Only the transitions listed here happen; anything else is a
 * {@link SessionStateConflict} (a 409 with {@code currentState} on the REST API), never a silent
 * overwrite.
 *
 * <pre>
 *   QUEUED ──► ASSIGNED ──► CLOSED
 *     ▲ └────────│──────────────▲
 *     └──────────┘ transfer
 * </pre>
 *
 * A transfer (to another agent or to a channel's queue) takes an ASSIGNED session back to QUEUED:
 * routing-service then finds its next agent.
 */
public enum SessionState {
  /** Waiting for an agent; routing-service distributes it. */
  QUEUED,
  /** An agent has it and answers the client. */
  ASSIGNED,
  /** Over; a new message from the client opens a new session. */
  CLOSED;

  private static final Map<SessionState, Set<SessionState>> NEXT =
      Map.of(
          QUEUED, EnumSet.of(ASSIGNED, CLOSED),
          ASSIGNED, EnumSet.of(QUEUED, CLOSED),
          CLOSED, EnumSet.noneOf(SessionState.class));

  public boolean canMoveTo(SessionState next) {
    return NEXT.get(this).contains(next);
  }

  /**
   * The state after moving to {@code next}.
   *
   * @throws SessionStateConflict when this state does not lead there
   */
  public SessionState moveTo(SessionState next) {
    if (!canMoveTo(next)) {
      throw new SessionStateConflict(this, "A session that is " + this + " cannot become " + next);
    }
    return next;
  }

  /**
   * Only a session an agent has is transferred (it goes back to QUEUED).
   *
   * @throws SessionStateConflict in any other state
   */
  public void requireTransferable() {
    if (!canMoveTo(QUEUED)) {
      throw new SessionStateConflict(
          this, "Only an ASSIGNED session is transferred; this one is " + this);
    }
  }

  /** Open sessions collect the client's new messages. */
  public boolean isOpen() {
    return this != CLOSED;
  }

  /**
   * An agent answers only in a session assigned to them.
   *
   * @throws SessionStateConflict in any other state
   */
  public void requireRepliesAllowed() {
    if (this != ASSIGNED) {
      throw new SessionStateConflict(this, "A session that is " + this + " does not take replies");
    }
  }
}
