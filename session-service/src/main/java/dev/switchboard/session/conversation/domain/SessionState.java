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
 *   BOT                     ──► QUEUED (handover), CLOSED
 *   QUEUED                  ──► ASSIGNED, CLOSED
 *   ASSIGNED                ──► WAITING_CLIENT (the agent answers), QUEUED (transfer), closed
 *   WAITING_CLIENT          ──► ANSWERED (the client writes again), QUEUED, closed
 *   ANSWERED                ──► WAITING_CLIENT (the agent answers), QUEUED, closed
 *   CLOSED_AWAITING_RATING  ──► CLOSED (rated with R2, or the wait is over), QUEUED (re-opened)
 *   CLOSED                  (final)
 *   closed = CLOSED_AWAITING_RATING when the channel waits for a rating (A6 > 0), else CLOSED
 * </pre>
 *
 * A new session of a channel with a chatbot (B1) starts with the bot ({@code BOT}); its handover
 * makes it wait for an agent (QUEUED) like any new session. The three states of a session an agent
 * has ({@link #withAgent()}) say who is to write next, which the per-agent limit may leave out
 * (Q7a, Q7b). A transfer takes a session an agent has back to QUEUED: routing-service then finds
 * its next agent. The client's message while a rating is awaited (and is no rating) re-opens the
 * session: it waits for an agent again.
 */
public enum SessionState {
  /** With the channel's chatbot (B1): no agent, not distributed, until the bot hands it over. */
  BOT,
  /** Waiting for an agent; routing-service distributes it. */
  QUEUED,
  /** An agent has it and has not answered yet. */
  ASSIGNED,
  /** The agent's message was the last one: the client is to answer (Q7b). */
  WAITING_CLIENT,
  /** The agent answered before and the client wrote again: the agent is to answer (Q7a). */
  ANSWERED,
  /**
   * Closed by its agent, waiting for the client's rating (A6, R1): no agent works it any more, but
   * a rating still reaches it, and any other message from the client re-opens it.
   */
  CLOSED_AWAITING_RATING,
  /** Over; a new message from the client opens a new session. */
  CLOSED;

  private static final Set<SessionState> WITH_AGENT =
      EnumSet.of(ASSIGNED, WAITING_CLIENT, ANSWERED);

  private static final Map<SessionState, Set<SessionState>> NEXT =
      Map.of(
          BOT, EnumSet.of(QUEUED, CLOSED),
          QUEUED, EnumSet.of(ASSIGNED, CLOSED),
          ASSIGNED, EnumSet.of(WAITING_CLIENT, QUEUED, CLOSED_AWAITING_RATING, CLOSED),
          WAITING_CLIENT, EnumSet.of(ANSWERED, QUEUED, CLOSED_AWAITING_RATING, CLOSED),
          ANSWERED, EnumSet.of(WAITING_CLIENT, QUEUED, CLOSED_AWAITING_RATING, CLOSED),
          CLOSED_AWAITING_RATING, EnumSet.of(CLOSED, QUEUED),
          CLOSED, EnumSet.noneOf(SessionState.class));

  /** The states of a session an agent has: ASSIGNED, WAITING_CLIENT, ANSWERED. */
  public static Set<SessionState> withAgent() {
    return WITH_AGENT;
  }

  /** Whether an agent has the session (it answers in it, transfers and closes it). */
  public boolean hasAgent() {
    return WITH_AGENT.contains(this);
  }

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
    if (!hasAgent()) {
      throw new SessionStateConflict(
          this, "Only a session an agent has is transferred; this one is " + this);
    }
  }

  /**
   * Only a session with the bot is handed over (it then waits for an agent, B1).
   *
   * @throws SessionStateConflict in any other state
   */
  public void requireHandoverable() {
    if (this != BOT) {
      throw new SessionStateConflict(
          this, "Only a session with the bot (BOT) is handed over; this one is " + this);
    }
  }

  /**
   * The chatbot acts on a session (closes it, B2) only while the session is with it: after the
   * handover it belongs to people, and closing it would take it from them.
   *
   * @throws SessionStateConflict in any other state
   */
  public void requireWithTheBot() {
    if (this != BOT) {
      throw new SessionStateConflict(
          this, "The session is no longer with the bot (BOT); it is " + this);
    }
  }

  /**
   * Open sessions collect the client's new messages (one awaiting its rating too: the rating, or a
   * message that re-opens it).
   */
  public boolean isOpen() {
    return this != CLOSED;
  }

  /** The state after the agent's reply: the client is to answer. */
  public SessionState afterAgentReply() {
    return hasAgent() ? WAITING_CLIENT : this;
  }

  /** The state after the client's message in an open session an agent has. */
  public SessionState afterClientMessage() {
    return this == WAITING_CLIENT ? ANSWERED : this;
  }

  /**
   * An agent answers only in a session they have ({@link #hasAgent()}).
   *
   * @throws SessionStateConflict in any other state
   */
  public void requireRepliesAllowed() {
    if (!hasAgent()) {
      throw new SessionStateConflict(this, "A session that is " + this + " does not take replies");
    }
  }

  /**
   * The session's handler answers only while the session is in {@code handlerState}: ASSIGNED for
   * its agent, BOT for its chatbot.
   *
   * @throws SessionStateConflict in any other state
   */
  public void requireRepliesAllowed(SessionState handlerState) {
    if (this != handlerState) {
      throw new SessionStateConflict(this, "A session that is " + this + " does not take replies");
    }
  }

  /**
   * O2: an inactive channel still receives messages, but its agents (and its chatbot) do not
   * answer.
   *
   * @param channelInactive the channel is known and switched off
   * @throws SessionStateConflict when the channel is inactive
   */
  public void requireChannelAnswers(boolean channelInactive) {
    if (channelInactive) {
      throw new SessionStateConflict(
          this,
          "The channel is not active (O2): it still receives messages, but its agents cannot"
              + " answer");
    }
  }
}
