package dev.switchboard.gateway.agentpush.domain;

import dev.switchboard.events.routing.OfferExpired;
import dev.switchboard.events.routing.OfferMade;
import dev.switchboard.events.routing.OfferWithdrawn;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.gateway.agentpush.domain.AgentFrame.FrameType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session and routing events as the frames an agent's frontend receives
 * (docs/flows/first-conversation.md, step 8). Data keys are in a fixed order and absent values left
 * out, so the same event always gives byte-for-byte the same frame.
 */
public final class AgentFrames {

  private AgentFrames() {}

  /**
   * {@code OFFERED}: the session, the offer to accept or decline, until when, in which mode, and
   * the client when the gateway knows it. The same frame goes to every agent the offer names.
   */
  public static AgentFrame offered(OfferMade event, SessionInfo session) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sessionId", event.sessionId());
    data.put("offerId", event.offerId());
    data.put("channelId", event.channelId());
    putIfPresent(
        data, "expiresAt", event.expiresAt() == null ? null : event.expiresAt().toString());
    data.put("distributionMode", event.distributionMode().name());
    putClient(data, session);
    return new AgentFrame(
        event.id(), FrameType.OFFERED, event.occurredAt(), event.sessionId(), data);
  }

  /** {@code OFFER_WITHDRAWN}: which offer the agent lost, and why. */
  public static AgentFrame offerWithdrawn(OfferWithdrawn event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sessionId", event.sessionId());
    data.put("offerId", event.offerId());
    data.put("reason", event.reason().name());
    return new AgentFrame(
        event.id(), FrameType.OFFER_WITHDRAWN, event.occurredAt(), event.sessionId(), data);
  }

  /** {@code OFFER_EXPIRED}: which offer ran out of time. */
  public static AgentFrame offerExpired(OfferExpired event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sessionId", event.sessionId());
    data.put("offerId", event.offerId());
    return new AgentFrame(
        event.id(), FrameType.OFFER_EXPIRED, event.occurredAt(), event.sessionId(), data);
  }

  /** {@code ASSIGNED}: the session id, channel id and client. */
  public static AgentFrame assigned(SessionAssigned event, SessionInfo session) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sessionId", event.sessionId());
    data.put("channelId", event.channelId());
    putClient(data, session);
    data.put("reason", event.reason().name());
    putIfPresent(data, "previousAgentId", event.previousAgentId());
    return new AgentFrame(
        event.id(), FrameType.ASSIGNED, event.occurredAt(), event.sessionId(), data);
  }

  /** {@code MESSAGE}: the message id, text and when the client sent it. */
  public static AgentFrame message(ClientMessageReceived event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("messageId", event.messageId());
    putIfPresent(data, "clientId", event.clientId());
    putIfPresent(data, "text", event.text());
    if (!event.attachments().isEmpty()) {
      data.put("attachments", event.attachments());
    }
    putIfPresent(data, "sentAt", event.sentAt() == null ? null : event.sentAt().toString());
    return new AgentFrame(
        event.id(), FrameType.MESSAGE, event.occurredAt(), event.sessionId(), data);
  }

  /** {@code CLOSED}: who closed it and why. */
  public static AgentFrame closed(SessionClosed event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("closedBy", event.closedBy().name());
    putIfPresent(data, "closedByUserId", event.closedByUserId());
    data.put("reason", event.reason().name());
    putIfPresent(
        data,
        "awaitingRatingUntil",
        event.awaitingRatingUntil() == null ? null : event.awaitingRatingUntil().toString());
    return new AgentFrame(
        event.id(), FrameType.CLOSED, event.occurredAt(), event.sessionId(), data);
  }

  /**
   * {@code TRANSFERRED}, to the agent who had the session: to whom or to which channel's queue
   * (neither: back to its own channel's queue), and by whom.
   */
  public static AgentFrame transferred(SessionTransferred event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sessionId", event.sessionId());
    putIfPresent(data, "toAgentId", event.toAgentId());
    putIfPresent(data, "toChannelId", event.toChannelId());
    data.put("transferredBy", event.transferredBy());
    return new AgentFrame(
        event.id(), FrameType.TRANSFERRED, event.occurredAt(), event.sessionId(), data);
  }

  /**
   * {@code TRANSFERRED}, to the agent a session was re-assigned away from ({@code SessionAssigned}
   * whose {@code previousAgentId} is another agent, e.g. Q14's CRM-responsible person): to whom and
   * why. The frame id is the event's, like the new agent's {@code ASSIGNED}, in another agent's
   * log.
   */
  public static AgentFrame reassignedAway(SessionAssigned event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sessionId", event.sessionId());
    data.put("toAgentId", event.agentId());
    data.put("reason", event.reason().name());
    return new AgentFrame(
        event.id(), FrameType.TRANSFERRED, event.occurredAt(), event.sessionId(), data);
  }

  private static void putClient(Map<String, Object> data, SessionInfo session) {
    if (session.clientId() != null) {
      Map<String, Object> client = new LinkedHashMap<>();
      client.put("id", session.clientId());
      putIfPresent(client, "displayName", session.clientDisplayName());
      putIfPresent(client, "connectorType", session.connectorType());
      data.put("client", client);
    }
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
