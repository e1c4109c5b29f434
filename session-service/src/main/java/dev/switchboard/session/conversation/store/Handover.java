package dev.switchboard.session.conversation.store;

/**
 * A session the chatbot handed over to people (B1): it now waits for an agent.
 *
 * @param handedOverBy the caller: the bot, or a supervisor or administrator
 * @param eventId the id of the {@code SessionQueued(BOT_HANDOVER)} it published
 */
public record Handover(SessionEntity session, String handedOverBy, String eventId) {}
