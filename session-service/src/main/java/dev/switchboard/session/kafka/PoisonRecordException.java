package dev.switchboard.session.kafka;

/**
 * A record this service will never be able to process (its message becomes the {@code
 * dead-letter-reason} header on the dead-letter topic); never retried.
 */
public class PoisonRecordException extends RuntimeException {

  public PoisonRecordException(String reason) {
    super(reason);
  }
}
