package dev.switchboard.session.transcript.mail;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A request to e-mail a session's transcript (O4), stored before anything is sent: {@link
 * TranscriptSender} sends it from here, once, retrying with backoff while the mail server fails.
 */
@Entity
@Table(name = "transcript_request")
public class TranscriptRequestEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "session_id", nullable = false)
  public UUID sessionId;

  @Column(nullable = false)
  public String email;

  /** The token's subject of the person who asked; {@code client:<id>} for the session's client. */
  @Column(name = "requested_by", nullable = false)
  public String requestedBy;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  /** When the mail server took the mail; null until then. */
  @Column(name = "sent_at")
  public Instant sentAt;

  /** Attempts begun so far (claimed by a sender). */
  @Column(nullable = false)
  public int attempts;

  /** Not before: the backoff after a failure, or the lease of the sender sending it now. */
  @Column(name = "next_attempt_at", nullable = false)
  public Instant nextAttemptAt;

  /** Why the last attempt failed; null once sent. */
  @Column(name = "last_error")
  public String lastError;

  static TranscriptRequestEntity of(
      UUID sessionId, String email, String requestedBy, Instant requestedAt) {
    TranscriptRequestEntity request = new TranscriptRequestEntity();
    request.id = UUID.randomUUID();
    request.sessionId = sessionId;
    request.email = email;
    request.requestedBy = requestedBy;
    request.requestedAt = requestedAt;
    request.nextAttemptAt = requestedAt;
    return request;
  }
}
