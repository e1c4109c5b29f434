package dev.switchboard.session.conversation.domain;

import java.util.UUID;

/** Every session (and message) of this service has a UUID; any other id names none of ours. */
public final class SessionIds {

  private SessionIds() {}

  /** The id as a UUID; null when it is null or not a UUID. */
  public static UUID parse(String id) {
    try {
      return id == null ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
