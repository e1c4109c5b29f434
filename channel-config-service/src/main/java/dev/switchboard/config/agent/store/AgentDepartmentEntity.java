package dev.switchboard.config.agent.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An agent's membership of a department, at its position in the agent's list. Replaced as a whole
 * with the agent's entry.
 */
@Entity
@Table(name = "agent_department")
public class AgentDepartmentEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "agent_id", nullable = false)
  public String agentId;

  @Column(nullable = false)
  public int position;

  @Column(name = "department_id", nullable = false)
  public String departmentId;

  static AgentDepartmentEntity of(String agentId, int position, String departmentId) {
    AgentDepartmentEntity row = new AgentDepartmentEntity();
    row.agentId = agentId;
    row.position = position;
    row.departmentId = departmentId;
    return row;
  }
}
