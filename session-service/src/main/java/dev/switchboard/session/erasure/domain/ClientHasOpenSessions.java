package dev.switchboard.session.erasure.domain;

import java.util.List;

/**
 * The client still has a session that is not closed. Erasing it under its agent would leave them
 * answering "[erased]"; the session is closed first (its agent, a supervisor or an administrator).
 */
public class ClientHasOpenSessions extends RuntimeException {

  private final List<String> openSessionIds;

  public ClientHasOpenSessions(List<String> openSessionIds) {
    super("The client has sessions that are not closed: close them first " + openSessionIds);
    this.openSessionIds = List.copyOf(openSessionIds);
  }

  public List<String> openSessionIds() {
    return openSessionIds;
  }
}
