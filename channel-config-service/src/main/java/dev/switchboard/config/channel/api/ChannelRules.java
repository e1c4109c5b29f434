package dev.switchboard.config.channel.api;

import dev.switchboard.platform.runtime.api.ProblemException;

/** Validation of what an administrator sends about a channel. */
final class ChannelRules {

  static final int NAME_MAX_LENGTH = 100;

  private ChannelRules() {}

  /** The name to store: trimmed; null when the request leaves it to be generated. */
  static String name(String requested) {
    if (requested == null) {
      return null;
    }
    String name = requested.strip();
    if (name.isEmpty()) {
      throw ProblemException.badField(
          "name", "must not be blank; leave it out to get a generated name");
    }
    if (name.length() > NAME_MAX_LENGTH) {
      throw ProblemException.badField("name", "must be at most " + NAME_MAX_LENGTH + " characters");
    }
    return name;
  }
}
