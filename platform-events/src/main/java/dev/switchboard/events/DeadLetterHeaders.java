package dev.switchboard.events;

/**
 * Headers a record carries on a dead-letter topic ({@code <topic>.dlq}), next to its original
 * headers, key and value. The names are the ones SmallRye Reactive Messaging's {@code
 * dead-letter-queue} failure strategy writes, so records dead-lettered by hand look the same.
 */
public final class DeadLetterHeaders {

  /** Why the record could not be processed (the exception message). */
  public static final String REASON = "dead-letter-reason";

  /** The message of the exception's cause, when there is one. */
  public static final String CAUSE = "dead-letter-cause";

  /** The topic the record was read from. */
  public static final String TOPIC = "dead-letter-topic";

  /** The partition the record was read from. */
  public static final String PARTITION = "dead-letter-partition";

  /** The offset the record had on its original partition. */
  public static final String OFFSET = "dead-letter-offset";

  /** The class name of the exception. */
  public static final String EXCEPTION_CLASS_NAME = "dead-letter-exception-class-name";

  private DeadLetterHeaders() {}
}
