package dev.switchboard.gateway.outbound.messaging;

/**
 * A message that will not be delivered: its record goes to the dead-letter topic with this
 * exception's message as {@code dead-letter-reason}.
 */
public class UndeliverableMessageException extends RuntimeException {

  public UndeliverableMessageException(String reason) {
    super(reason);
  }
}
