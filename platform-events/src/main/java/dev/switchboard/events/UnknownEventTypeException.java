package dev.switchboard.events;

/**
 * A {@code ce_type} this version of the library does not know. New event types are additive, so a
 * consumer usually skips such a record (see {@link EventRegistry#isKnown(String)}) instead of
 * dead-lettering it.
 */
public class UnknownEventTypeException extends EventFormatException {

  private final String ceType;

  public UnknownEventTypeException(String ceType) {
    super("Unknown CloudEvents type '" + ceType + "'");
    this.ceType = ceType;
  }

  public String ceType() {
    return ceType;
  }
}
