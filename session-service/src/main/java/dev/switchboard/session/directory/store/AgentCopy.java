package dev.switchboard.session.directory.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** This service's copy of one agent directory entry (oc.config.agents.v1). */
@Entity
@Table(name = "agent_copy")
public class AgentCopy extends PanacheEntityBase {

  @Id
  @Column(name = "agent_id")
  public String agentId;

  @Column(nullable = false)
  public long version;

  @Column(nullable = false)
  public boolean deleted;

  public String name;

  @Column(name = "avatar_url")
  public String avatarUrl;
}
