package dev.switchboard.session.history.store;

import dev.switchboard.session.conversation.domain.SessionState;
import java.time.Instant;

/**
 * What the conversation list (O3) is narrowed to; every filter is optional (null: any).
 *
 * @param channelId the channel the session is in now
 * @param agentId the agent who has (or had, when it closed) the session
 * @param state the session's state now
 * @param openedFrom opened at or after
 * @param openedBefore opened before
 * @param unanswered A3: true = marked unanswered, false = not marked
 */
public record ConversationFilter(
    String channelId,
    String agentId,
    SessionState state,
    Instant openedFrom,
    Instant openedBefore,
    Boolean unanswered) {}
