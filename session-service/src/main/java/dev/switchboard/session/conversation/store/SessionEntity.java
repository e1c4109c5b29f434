package dev.switchboard.session.conversation.store;

import dev.switchboard.session.conversation.domain.SessionState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A session (dialog) of a client in a channel, with the connector chat it runs in. */
@Entity
@Table(name = "session")
public class SessionEntity extends PanacheEntityBase {

  @Id public UUID id;

  /** Set by the database at insert; the stable order of lists and their cursors. */
  @Column(insertable = false, updatable = false)
  public Long seq;

  /** The channel the session is in now: a transfer to another channel's queue changes it. */
  @Column(name = "channel_id", nullable = false)
  public String channelId;

  /**
   * The channel of the connector the conversation came in by; the client's next message finds the
   * open session of this channel, even after a transfer to another channel.
   */
  @Column(name = "origin_channel_id", nullable = false)
  public String originChannelId;

  @Column(name = "client_id", nullable = false)
  public UUID clientId;

  @Column(name = "connector_id", nullable = false)
  public String connectorId;

  /** The wire name: {@code telegram}, {@code custom}, ... */
  @Column(name = "connector_type", nullable = false)
  public String connectorType;

  @Column(name = "account_id", nullable = false)
  public String accountId;

  @Column(name = "external_chat_id", nullable = false)
  public String externalChatId;

  /** Changed only through {@link SessionState#moveTo}. */
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public SessionState state;

  @Column(name = "assigned_agent_id")
  public String assignedAgentId;

  /**
   * The chatbot the session started with (B1), kept after its handover; the bot works the session
   * only while it is {@link SessionState#BOT}.
   */
  @Column(name = "bot_id")
  public String botId;

  /**
   * The agent who had the session before its last transfer, until it is assigned again (the {@code
   * previousAgentId} of that {@code SessionAssigned}).
   */
  @Column(name = "transferred_from_agent_id")
  public String transferredFromAgentId;

  @Column(name = "opened_at", nullable = false)
  public Instant openedAt;

  @Column(name = "closed_at")
  public Instant closedAt;

  @Column(name = "last_message_id")
  public UUID lastMessageId;

  /** A6: until when the client's rating is awaited (CLOSED_AWAITING_RATING), else null. */
  @Column(name = "awaiting_rating_until")
  public Instant awaitingRatingUntil;

  /** A3: since when the client waits for an answer, once marked unanswered; else null. */
  @Column(name = "unanswered_since")
  public Instant unansweredSince;

  /** Moves the session along its lifecycle, or fails with the current state. */
  public void moveTo(SessionState next) {
    state = state.moveTo(next);
  }
}
