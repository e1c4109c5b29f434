package dev.switchboard.events;

/**
 * A record that cannot be turned into an event: malformed JSON, a missing required field, an
 * unknown CloudEvents type or a missing header. Consumers send such a record to the topic's
 * dead-letter topic with this message as the reason; retrying it cannot succeed.
 */
public class EventFormatException extends RuntimeException {

  public EventFormatException(String message) {
    super(message);
  }

  public EventFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
