package dev.switchboard.session.conversation.domain;

import dev.switchboard.events.common.ClientIdentity;

/** What to call a client in an agent's list when the connector says little. */
public final class ClientNames {

  private ClientNames() {}

  /** The connector's display name, else "first last", else the username, else the user id. */
  public static String displayName(ClientIdentity client) {
    if (hasText(client.displayName())) {
      return client.displayName().strip();
    }
    String full =
        ((hasText(client.firstName()) ? client.firstName().strip() : "")
                + " "
                + (hasText(client.lastName()) ? client.lastName().strip() : ""))
            .strip();
    if (!full.isEmpty()) {
      return full;
    }
    if (hasText(client.username())) {
      return client.username().strip();
    }
    return client.externalUserId();
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
