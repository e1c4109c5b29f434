package dev.switchboard.config.agent.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An agent's directory entry; its departments are rows of {@code agent_department}. */
@Entity
@Table(name = "agent")
public class AgentEntity extends PanacheEntityBase {

  /** The OIDC subject. */
  @Id public String id;

  @Column(nullable = false)
  public String name;

  @Column(name = "avatar_url")
  public String avatarUrl;

  /**
   * Bumped by every change (under {@code QueueDirectoryLock}); the ETag and the version on
   * oc.config.agents.v1.
   */
  @Column(nullable = false)
  public long version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
