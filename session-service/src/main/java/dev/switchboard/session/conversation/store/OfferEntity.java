package dev.switchboard.session.conversation.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One agent's part of an offer routing-service made (OfferMade): open until it expires, is
 * withdrawn, or its session is assigned, transferred or closed. routing-service decides; this copy
 * only shows the agent what is offered to them.
 */
@Entity
@Table(name = "offer")
public class OfferEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "offer_id", nullable = false)
  public String offerId;

  @Column(name = "agent_id", nullable = false)
  public String agentId;

  @Column(name = "session_id", nullable = false)
  public UUID sessionId;

  @Column(name = "channel_id", nullable = false)
  public String channelId;

  /** EVENLY, STRICT_ORDER or ALL; null for a row created by a settlement seen before its offer. */
  @Column(name = "distribution_mode")
  public String distributionMode;

  /** Absent when the offer does not expire. */
  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "offered_at")
  public Instant offeredAt;

  /** Null while the offer is open. */
  @Column(name = "closed_at")
  public Instant closedAt;

  /** EXPIRED, a {@code WithdrawalReason}, ASSIGNED, TRANSFERRED, CLOSED or SESSION_NOT_QUEUED. */
  @Column(name = "close_reason")
  public String closeReason;

  public boolean isOpen() {
    return closedAt == null;
  }
}
