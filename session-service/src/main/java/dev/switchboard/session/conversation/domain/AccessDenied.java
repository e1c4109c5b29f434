package dev.switchboard.session.conversation.domain;

/** The caller is authenticated but this session is not theirs to read or change. */
public class AccessDenied extends RuntimeException {

  public AccessDenied(String detail) {
    super(detail);
  }
}
