package dev.switchboard.session.conversation.usecase;

/** What became of a client's inbound message. */
public record InboundOutcome(Kind kind, String channelId, String sessionId, String detail) {

  public enum Kind {
    /** Stored in a session, its events in the outbox. */
    STORED,
    /** Already had it (same event id, or same connector message id). */
    DUPLICATE,
    /** Its connector is not known yet, or older messages of that connector wait before it. */
    PARKED,
    /** It can never be stored here; {@code detail} says why (the dead-letter reason). */
    REJECTED
  }

  static InboundOutcome stored(String channelId, String sessionId) {
    return new InboundOutcome(Kind.STORED, channelId, sessionId, null);
  }

  static InboundOutcome duplicate(String channelId) {
    return new InboundOutcome(Kind.DUPLICATE, channelId, null, null);
  }

  static InboundOutcome parked(String detail) {
    return new InboundOutcome(Kind.PARKED, null, null, detail);
  }

  static InboundOutcome rejected(String detail) {
    return new InboundOutcome(Kind.REJECTED, null, null, detail);
  }
}
