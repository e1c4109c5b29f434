package dev.switchboard.session.erasure.domain;

/** No client has this id (or it is not an id at all). */
public class ClientNotFound extends RuntimeException {

  public ClientNotFound(String clientId) {
    super("Client " + clientId);
  }
}
