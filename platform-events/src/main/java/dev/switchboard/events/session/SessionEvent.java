package dev.switchboard.events.session;

import dev.switchboard.events.SessionScoped;
import dev.switchboard.events.Topics;

/**
 * What happened to a session, as recorded by session-service, the owner of sessions. Topic {@value
 * Topics#SESSION_EVENTS}, keyed by channel id.
 */
public sealed interface SessionEvent extends SessionScoped
    permits SessionOpened,
        ClientMessageReceived,
        AgentMessageSent,
        SessionQueued,
        SessionAssigned,
        SessionAccepted,
        SessionTransferred,
        SessionClosed,
        SessionRated,
        SessionMarkedUnanswered,
        ClientErased {}
