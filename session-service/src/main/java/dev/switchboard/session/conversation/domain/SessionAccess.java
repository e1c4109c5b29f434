package dev.switchboard.session.conversation.domain;

import dev.switchboard.events.session.ClosedBy;

/**
 * Who may do what with a session (first-conversation contract, ARCHITECTURE "secure by default").
 */
public final class SessionAccess {

  private SessionAccess() {}

  /**
   * Reading a session's messages: supervisors and administrators always; an agent whose channel's
   * queue holds them, or who has the session (routing may give it to someone outside the queue,
   * e.g. the client's CRM responsible person, Q14).
   */
  public static boolean mayRead(Caller caller, String assignedAgentId, boolean queueHoldsCaller) {
    return mayRead(caller, assignedAgentId, queueHoldsCaller, false);
  }

  /**
   * The same, and an agent who holds an open offer of the session previews its messages before
   * accepting (read only: replying needs the session).
   */
  public static boolean mayRead(
      Caller caller, String assignedAgentId, boolean queueHoldsCaller, boolean holdsOffer) {
    return caller.seesEveryChannel()
        || caller.id().equals(assignedAgentId)
        || queueHoldsCaller
        || holdsOffer;
  }

  /**
   * Whether the caller may learn that the session exists at all (API.md, "Errors": 404 where a 403
   * would leak it): supervisors and administrators; the session's own chatbot; an agent who may
   * read it. Anyone else is answered as for an unknown session, whatever they ask of it, so that an
   * agent of another channel cannot probe another channel's session ids.
   */
  public static boolean mayKnow(
      Caller caller,
      String assignedAgentId,
      String botId,
      boolean queueHoldsCaller,
      boolean holdsOffer) {
    if (caller.bot()) {
      return caller.id().equals(botId);
    }
    return mayRead(caller, assignedAgentId, queueHoldsCaller, holdsOffer);
  }

  /** A session is transferred by its agent, a supervisor or an administrator. */
  public static boolean mayTransfer(Caller caller, String assignedAgentId) {
    return caller.id().equals(assignedAgentId) || caller.seesEveryChannel();
  }

  /** Only the agent who has the session answers in it. */
  public static boolean mayReply(Caller caller, String assignedAgentId) {
    return caller.id().equals(assignedAgentId);
  }

  /**
   * Who closes the session when the caller does: its agent, or a supervisor (or administrator) on
   * someone else's session, or the session's own chatbot (B2: it answered everything, e.g. an FAQ);
   * null when the caller may not close it. A bot is only ever a bot here, so another bot (or a
   * session without one) is refused, as is an agent of the queue for a session with the bot: no
   * agent has it. Whether the bot still has the session is the state's question (a 409), not this.
   */
  public static ClosedBy closingAs(Caller caller, String assignedAgentId, String botId) {
    if (caller.bot()) {
      return caller.id().equals(botId) ? ClosedBy.BOT : null;
    }
    if (caller.id().equals(assignedAgentId)) {
      return ClosedBy.AGENT;
    }
    return caller.seesEveryChannel() ? ClosedBy.SUPERVISOR : null;
  }

  /**
   * The caller is the chatbot that has the session now (B1, B2): role {@code bot}, its subject is
   * the session's bot and the session is still with the bot.
   */
  public static boolean isHandlingBot(Caller caller, SessionState state, String botId) {
    return caller.bot() && state == SessionState.BOT && caller.id().equals(botId);
  }

  /**
   * A session with the bot is handed over by that bot, a supervisor or an administrator; any other
   * caller (another bot, an agent) may not.
   */
  public static boolean mayHandOver(Caller caller, String botId) {
    return caller.seesEveryChannel() || (caller.bot() && caller.id().equals(botId));
  }
}
