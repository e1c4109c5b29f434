package dev.switchboard.gateway.agentpush.domain;

import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.gateway.agentpush.domain.AgentFrame.FrameType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session events as the frames an agent's frontend receives (docs/flows/first-conversation.md, step
 * 8). Data keys are in a fixed order and absent values left out, so the same event always gives
 * byte-for-byte the same frame.
 */
public final class AgentFrames {

  private AgentFrames() {}

  /** {@code ASSIGNED}: the session id, channel id and client. */
  public static AgentFrame assigned(SessionAssigned event, SessionInfo session) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sessionId", event.sessionId());
    data.put("channelId", event.channelId());
    if (session.clientId() != null) {
      Map<String, Object> client = new LinkedHashMap<>();
      client.put("id", session.clientId());
      putIfPresent(client, "displayName", session.clientDisplayName());
      putIfPresent(client, "connectorType", session.connectorType());
      data.put("client", client);
    }
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

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
