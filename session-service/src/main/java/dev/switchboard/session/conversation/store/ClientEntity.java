package dev.switchboard.session.conversation.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A client: a person who writes through one or more connector identities. */
@Entity
@Table(name = "client")
public class ClientEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "display_name")
  public String displayName;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
