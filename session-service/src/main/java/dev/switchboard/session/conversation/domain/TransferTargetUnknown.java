package dev.switchboard.session.conversation.domain;

/**
 * A transfer names an agent or a channel this service does not know (or that is deleted, or a
 * channel that is not active): a 400 naming the field.
 */
public class TransferTargetUnknown extends RuntimeException {

  private final String field;

  public TransferTargetUnknown(String field, String detail) {
    super(detail);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
