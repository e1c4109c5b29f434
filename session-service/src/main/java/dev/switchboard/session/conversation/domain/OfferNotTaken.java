package dev.switchboard.session.conversation.domain;

/**
 * routing-service, the arbiter of offers, refused the agent the offer their reply would have taken
 * (Q3): a 409 that passes routing's reason on, and nothing is stored.
 *
 * @see #reason()
 */
public class OfferNotTaken extends RuntimeException {

  private final String sessionId;
  private final String agentId;
  private final String reason;

  public OfferNotTaken(String sessionId, String agentId, String reason) {
    super(detail(sessionId, reason));
    this.sessionId = sessionId;
    this.agentId = agentId;
    this.reason = reason;
  }

  public String sessionId() {
    return sessionId;
  }

  public String agentId() {
    return agentId;
  }

  /**
   * routing-service's reason: TAKEN_BY_ANOTHER, WITHDRAWN, EXPIRED, DECLINED, NOT_OFFERED,
   * AGENT_UNAVAILABLE, AT_CAPACITY, OFFER_CHANGED, or one it adds later.
   */
  public String reason() {
    return reason;
  }

  private static String detail(String sessionId, String reason) {
    String why =
        switch (reason) {
          case "TAKEN_BY_ANOTHER" ->
              "The offer of session " + sessionId + " was taken by another agent";
          case "WITHDRAWN" -> "The offer of session " + sessionId + " to you was withdrawn";
          case "EXPIRED" -> "The offer of session " + sessionId + " to you expired";
          case "DECLINED" -> "You declined the offer of session " + sessionId;
          case "AGENT_UNAVAILABLE" ->
              "You are not online, so the offer of session " + sessionId + " was passed on";
          case "AT_CAPACITY" ->
              "You are at your session limit, so the offer of session "
                  + sessionId
                  + " was passed on";
          case "OFFER_CHANGED" -> "The offer of session " + sessionId + " changed; try again";
          default -> "Session " + sessionId + " is not offered to you";
        };
    return why + "; your reply was not sent";
  }
}
