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
 *   BOT      ──► QUEUED (handover), CLOSED
 *   QUEUED   ──► ASSIGNED, CLOSED
 *   ASSIGNED ──► QUEUED (transfer), CLOSED
 *   CLOSED   (final)
 * </pre>
 *
 * A new session of a channel with a chatbot (B1) starts with the bot ({@code BOT}); its handover
 * makes it wait for an agent (QUEUED) like any new session. A transfer (to another agent or to a
 * channel's queue) takes an ASSIGNED session back to QUEUED: routing-service then finds its next
 * agent.
 */
public enum SessionState {
  /** With the channel's chatbot (B1): no agent, not distributed, until the bot hands it over. */
  BOT,
  /** Waiting for an agent; routing-service distributes it. */
  QUEUED,
  /** An agent has it and answers the client. */
  ASSIGNED,
  /** Over; a new message from the client opens a new session. */
  CLOSED;

  private static final Map<SessionState, Set<SessionState>> NEXT =
      Map.of(
          BOT, EnumSet.of(QUEUED, CLOSED),
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
    if (this != ASSIGNED) {
      throw new SessionStateConflict(
          this, "Only an ASSIGNED session is transferred; this one is " + this);
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
    requireRepliesAllowed(ASSIGNED);
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
