package dev.switchboard.session.conversation.api;

import dev.switchboard.session.conversation.domain.SessionState;
import dev.switchboard.session.conversation.store.SessionEntity;
import java.time.Instant;

/**
 * An open session as routing-service rebuilds its live state from it: waiting ({@code QUEUED}) or
 * with an agent ({@code ASSIGNED}, with {@code agentId}).
 */
public record OpenSessionView(
    String sessionId, String channelId, String state, String agentId, Instant openedAt) {

  static OpenSessionView of(SessionEntity session) {
    return new OpenSessionView(
        session.id.toString(),
        session.channelId,
        // Routing knows one state for a session an agent has, whoever is to write next.
        session.state.hasAgent() ? SessionState.ASSIGNED.name() : session.state.name(),
        session.assignedAgentId,
        session.openedAt);
  }
}
