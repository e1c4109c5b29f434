package dev.switchboard.session.conversation.store;

/**
 * A session with what its summary shows besides itself: the client's name, the channel's name (from
 * the local copy; null until it arrives), the newest message (null for none) and, in an agent's
 * list, the open offer of the session to that agent (null for a session they have).
 */
public record SessionDetails(
    SessionEntity session,
    String clientDisplayName,
    String channelName,
    MessageEntity lastMessage,
    OfferEntity offer) {

  public SessionDetails withOffer(OfferEntity offer) {
    return new SessionDetails(session, clientDisplayName, channelName, lastMessage, offer);
  }
}
