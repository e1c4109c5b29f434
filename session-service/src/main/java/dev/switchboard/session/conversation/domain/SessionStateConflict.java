package dev.switchboard.session.conversation.domain;

/** A command that the session's current state does not allow. */
public class SessionStateConflict extends RuntimeException {

  private final SessionState currentState;

  public SessionStateConflict(SessionState currentState, String detail) {
    super(detail);
    this.currentState = currentState;
  }

  public SessionState currentState() {
    return currentState;
  }
}
