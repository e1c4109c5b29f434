package dev.switchboard.session.conversation.store;

/**
 * A session with what its summary shows besides itself: the client's name, the channel's name (from
 * the local copy; null until it arrives) and the newest message (null for none).
 */
public record SessionDetails(
    SessionEntity session,
    String clientDisplayName,
    String channelName,
    MessageEntity lastMessage) {}
