package dev.switchboard.session.conversation.domain;

import dev.switchboard.events.common.ClientIdentity;

/** What this service knows of a client in one chat, as connectors tell it message by message. */
public final class ClientDetails {

  private ClientDetails() {}

  /**
   * The identity with what the connector now says; a detail it leaves out is kept (a custom
   * connector may send only the user id after the first message). The user id is always the new
   * one.
   *
   * @param held what was known; null for a new chat (then blank details are left out)
   */
  public static ClientIdentity merge(ClientIdentity held, ClientIdentity received) {
    return new ClientIdentity(
        received.externalUserId(),
        keep(held == null ? null : held.displayName(), received.displayName()),
        keep(held == null ? null : held.firstName(), received.firstName()),
        keep(held == null ? null : held.lastName(), received.lastName()),
        keep(held == null ? null : held.username(), received.username()),
        keep(held == null ? null : held.avatarUrl(), received.avatarUrl()),
        keep(held == null ? null : held.email(), received.email()),
        keep(held == null ? null : held.phone(), received.phone()),
        keep(held == null ? null : held.locale(), received.locale()));
  }

  private static String keep(String held, String received) {
    return received == null || received.isBlank() ? held : received;
  }
}
