package dev.switchboard.session.conversation.domain;

/** No session (or message) with that id. */
public class SessionNotFound extends RuntimeException {

  public SessionNotFound(String what) {
    super(what);
  }
}
