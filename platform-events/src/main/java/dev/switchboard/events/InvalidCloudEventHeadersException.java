package dev.switchboard.events;

/** A Kafka record whose CloudEvents headers are missing or wrong; names the offending header. */
public class InvalidCloudEventHeadersException extends EventFormatException {

  private final String header;

  public InvalidCloudEventHeadersException(String header, String message) {
    super(message);
    this.header = header;
  }

  /** The name of the missing or invalid header, e.g. {@code ce_type}. */
  public String header() {
    return header;
  }
}
