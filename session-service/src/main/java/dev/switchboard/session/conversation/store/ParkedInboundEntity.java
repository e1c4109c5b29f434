package dev.switchboard.session.conversation.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An inbound record waiting for its connector's registration, exactly as it was read (so that it
 * can be replayed, or dead-lettered unchanged).
 */
@Entity
@Table(name = "parked_inbound")
public class ParkedInboundEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "event_id", nullable = false)
  public String eventId;

  @Column(name = "connector_id", nullable = false)
  public String connectorId;

  @Column(name = "record_key")
  public String recordKey;

  /** The record's headers as a JSON object of strings. */
  @Column(nullable = false)
  public String headers;

  @Column(nullable = false)
  public String payload;

  @Column(name = "source_topic", nullable = false)
  public String sourceTopic;

  @Column(name = "source_partition", nullable = false)
  public int sourcePartition;

  @Column(name = "source_offset", nullable = false)
  public long sourceOffset;

  @Column(name = "parked_at", nullable = false)
  public Instant parkedAt;
}
