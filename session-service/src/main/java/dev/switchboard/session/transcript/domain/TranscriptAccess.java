package dev.switchboard.session.transcript.domain;

import dev.switchboard.session.conversation.domain.Caller;
import java.util.UUID;

/**
 * Who may have a session's transcript e-mailed (O4). Whether the caller may know the session at all
 * is {@code SessionGuard#readable}'s question (an unknown session's 404 otherwise); of those, the
 * session's agent, a supervisor or an administrator may send it, not an agent who only sees it in
 * the queue.
 */
public final class TranscriptAccess {

  private TranscriptAccess() {}

  public static boolean mayRequest(Caller caller, String assignedAgentId) {
    return !caller.bot() && (caller.seesEveryChannel() || caller.id().equals(assignedAgentId));
  }

  /** {@code requested_by} for a person: the token's subject. */
  public static String requestedBy(Caller caller) {
    return caller.id();
  }

  /** {@code requested_by} for the session's client (the live chat's visitor API, issue 19). */
  public static String requestedByClient(UUID clientId) {
    return "client:" + clientId;
  }
}
