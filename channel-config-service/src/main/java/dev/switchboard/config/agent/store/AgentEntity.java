package dev.switchboard.config.agent.store;

import dev.switchboard.config.agent.domain.Absence;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;

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

  /** Q6: no longer works here; never routed to. */
  @Column(nullable = false)
  public boolean dismissed;

  /** Q6: periods away, as JSON ({@link AbsencesJson}); jsonb, read and written as text. */
  @Column(name = "absences", nullable = false)
  @ColumnTransformer(read = "absences::text", write = "cast(cast(? as text) as jsonb)")
  public String absences = "[]";

  public List<Absence> absenceList() {
    return AbsencesJson.read(absences);
  }

  public void absenceList(List<Absence> periods) {
    absences = AbsencesJson.write(periods);
  }

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
