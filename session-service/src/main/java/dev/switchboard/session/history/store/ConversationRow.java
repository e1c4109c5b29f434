package dev.switchboard.session.history.store;

import java.time.Instant;
import java.util.UUID;

/** A session as the conversation lists show it: one row of one query. */
public record ConversationRow(
    UUID id,
    long seq,
    String channelId,
    String channelName,
    String state,
    UUID clientId,
    String clientDisplayName,
    String connectorType,
    String assignedAgentId,
    String botId,
    Instant openedAt,
    Instant closedAt,
    long messageCount,
    UUID lastMessageId,
    String lastMessageText,
    String lastMessageAuthorType,
    Instant lastMessageAt,
    Instant unansweredSince,
    Integer ratingScore) {}
