package dev.switchboard.gateway.agentpush.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One frame of the agent WebSocket (API.md, "Events for the agent's frontend"): {@code {"id",
 * "type", "at", "sessionId", "data"}}. Its id is the id of the event it comes from, so the same
 * event gives the same frame on every gateway instance, and {@code ?after=<id>} can find it.
 */
public record AgentFrame(
    String id, FrameType type, Instant at, String sessionId, Map<String, Object> data) {

  public enum FrameType {
    /** A session is offered to the agent (routing's {@code OfferMade}). */
    OFFERED,
    /** The agent lost an open offer (routing's {@code OfferWithdrawn}). */
    OFFER_WITHDRAWN,
    /** The agent's offer ran out of time (routing's {@code OfferExpired}). */
    OFFER_EXPIRED,
    ASSIGNED,
    MESSAGE,
    CLOSED,
    /** The session was transferred away from the agent ({@code SessionTransferred}). */
    TRANSFERRED
  }
}
