package dev.switchboard.session.conversation.store;

/**
 * A transfer that was made: the session (now QUEUED, in {@code channelId}) and what {@code
 * SessionTransferred} said.
 */
public record Transfer(
    SessionEntity session,
    String fromAgentId,
    String toAgentId,
    String toChannelId,
    String transferredBy,
    String eventId) {}
