package dev.switchboard.session.conversation.domain;

/** Who wrote a message of a session. */
public enum AuthorType {
  CLIENT,
  AGENT,
  /** The channel's chatbot, through the bot API (B1, B2); the author id is the bot id. */
  BOT,
  /** The platform itself: greeting, off-hours text, closing message (A1, W2, A5). */
  SYSTEM
}
