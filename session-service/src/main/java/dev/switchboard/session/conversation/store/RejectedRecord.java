package dev.switchboard.session.conversation.store;

/** A record that can never be handled here, and why: it goes to its dead-letter topic. */
public record RejectedRecord(ReceivedRecord record, String reason) {}
