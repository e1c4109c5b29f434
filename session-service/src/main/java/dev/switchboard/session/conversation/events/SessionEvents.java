package dev.switchboard.session.conversation.events;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.common.AssignmentReason;
import dev.switchboard.events.inbound.InboundMessageReceived;
import dev.switchboard.events.session.AgentMessageSent;
import dev.switchboard.events.session.ClientMessageReceived;
import dev.switchboard.events.session.CloseReason;
import dev.switchboard.events.session.ClosedBy;
import dev.switchboard.events.session.QueueReason;
import dev.switchboard.events.session.SessionAccepted;
import dev.switchboard.events.session.SessionAssigned;
import dev.switchboard.events.session.SessionClosed;
import dev.switchboard.events.session.SessionMarkedUnanswered;
import dev.switchboard.events.session.SessionOpened;
import dev.switchboard.events.session.SessionQueued;
import dev.switchboard.events.session.SessionRated;
import dev.switchboard.events.session.SessionTransferred;
import dev.switchboard.session.conversation.store.MessageEntity;
import dev.switchboard.session.conversation.store.SessionEntity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The facts this service publishes about sessions, built from what it stores: one method per event,
 * each with a new event id. The caller announces them in the transaction of the change.
 */
public final class SessionEvents {

  private SessionEvents() {}

  /** A session opened for the client's first message in a chat. */
  public static SessionOpened opened(
      String channelId, UUID sessionId, UUID clientId, InboundMessageReceived first, Instant now) {
    return new SessionOpened(
        PlatformEvent.newId(),
        channelId,
        sessionId.toString(),
        clientId.toString(),
        first.connectorType(),
        first.connectorId(),
        first.accountId(),
        first.externalChatId(),
        first.client(),
        now);
  }

  /** The session waits for an agent; routing-service distributes it. */
  public static SessionQueued queued(
      String channelId, UUID sessionId, QueueReason reason, Instant now) {
    return new SessionQueued(
        PlatformEvent.newId(), channelId, sessionId.toString(), reason, null, now);
  }

  /** The session waits for an agent; routing-service distributes it. */
  public static SessionQueued queued(SessionEntity session, QueueReason reason, Instant now) {
    return queued(session.channelId, session.id, reason, now);
  }

  /** The client's message, stored as {@code messageId} in the session. */
  public static ClientMessageReceived clientMessageReceived(
      String channelId,
      UUID sessionId,
      UUID messageId,
      UUID clientId,
      InboundMessageReceived inbound,
      Instant now) {
    return new ClientMessageReceived(
        PlatformEvent.newId(),
        channelId,
        sessionId.toString(),
        messageId.toString(),
        clientId.toString(),
        inbound.id(),
        inbound.externalMessageId(),
        inbound.text(),
        inbound.attachments(),
        inbound.sentAt(),
        now);
  }

  /** The agent took the session's offer (routing-service settled it for them). */
  public static SessionAccepted accepted(
      SessionEntity session, String agentId, String offerId, Instant now) {
    return new SessionAccepted(
        PlatformEvent.newId(), session.channelId, session.id.toString(), agentId, offerId, now);
  }

  /**
   * The session is its assigned agent's now.
   *
   * @param previousAgentId who had it before (a transfer, or Q14's reassignment); else null
   * @param causedByEventId the event that decided it
   */
  public static SessionAssigned assigned(
      SessionEntity session,
      AssignmentReason reason,
      String previousAgentId,
      String causedByEventId,
      Instant now) {
    return new SessionAssigned(
        PlatformEvent.newId(),
        session.channelId,
        session.id.toString(),
        session.assignedAgentId,
        reason,
        previousAgentId,
        causedByEventId,
        now);
  }

  /**
   * The session goes back to routing; built before the session changes: it names the agent and the
   * channel the session leaves.
   */
  public static SessionTransferred transferred(
      SessionEntity leaving, String toAgentId, String toChannelId, String by, Instant now) {
    return new SessionTransferred(
        PlatformEvent.newId(),
        leaving.channelId,
        leaving.id.toString(),
        leaving.assignedAgentId,
        toAgentId,
        toChannelId,
        by,
        now);
  }

  /**
   * The session is closed: for good, or for its agent while the client's rating is awaited until
   * {@code session.awaitingRatingUntil} (A6; routing holds the agent's place meanwhile, Q7c).
   */
  public static SessionClosed closed(
      SessionEntity session, ClosedBy closedBy, String closedByUserId, CloseReason reason) {
    return new SessionClosed(
        PlatformEvent.newId(),
        session.channelId,
        session.id.toString(),
        session.assignedAgentId,
        closedBy,
        closedByUserId,
        reason,
        session.awaitingRatingUntil,
        session.closedAt);
  }

  /** A3: no agent has answered the client within the channel's interval. */
  public static SessionMarkedUnanswered markedUnanswered(SessionEntity session, Instant now) {
    return new SessionMarkedUnanswered(
        PlatformEvent.newId(),
        session.channelId,
        session.id.toString(),
        session.assignedAgentId,
        session.unansweredSince,
        now);
  }

  /** The client rated the session's agent (R1, R3). */
  public static SessionRated rated(SessionEntity session, int score, String comment, Instant at) {
    return new SessionRated(
        PlatformEvent.newId(),
        session.channelId,
        session.id.toString(),
        session.assignedAgentId,
        score,
        comment,
        at);
  }

  /** An agent's message to the client (kpi-service's response clocks). */
  public static AgentMessageSent agentMessageSent(SessionEntity session, MessageEntity message) {
    return new AgentMessageSent(
        PlatformEvent.newId(),
        session.channelId,
        session.id.toString(),
        message.id.toString(),
        message.authorId,
        message.text,
        List.of(),
        message.at);
  }
}
