package dev.switchboard.platform.runtime.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One record waiting in the outbox (table {@code outbox} of the service's own schema). {@link
 * Outbox} writes rows with one native statement and {@link OutboxRelay} reads them with SQL, so
 * nothing persists this entity any more; it still describes the table. TODO: remove it, after
 * checking that kpi-service, crm-bridge-service, connector-gateway and routing-service (no entities
 * of their own) start and stay ready without a Hibernate persistence unit.
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public String topic;

  @Column(name = "record_key", nullable = false)
  public String recordKey;

  /** The Kafka headers as a JSON object of strings. */
  @Column(nullable = false)
  public String headers;

  /** The record's value: the event as JSON. */
  @Column(nullable = false)
  public String payload;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "published_at")
  public Instant publishedAt;

  /** When Kafka refused the row for good ({@link OutboxRelay}); it is never sent again. */
  @Column(name = "failed_at")
  public Instant failedAt;

  /** Why Kafka refused it. */
  @Column(name = "failure_reason")
  public String failureReason;
}
