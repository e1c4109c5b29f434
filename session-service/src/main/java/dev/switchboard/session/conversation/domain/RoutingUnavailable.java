package dev.switchboard.session.conversation.domain;

/**
 * routing-service could not be asked (unreachable, too slow, or failing): a command that needs its
 * decision is refused with a 503 and changes nothing, so the caller can simply try again.
 */
public class RoutingUnavailable extends RuntimeException {

  public RoutingUnavailable(String detail, Throwable cause) {
    super(detail, cause);
  }
}
