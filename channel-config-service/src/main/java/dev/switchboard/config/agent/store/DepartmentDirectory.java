package dev.switchboard.config.agent.store;

import dev.switchboard.config.queue.domain.DirectoryAgent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Who is in which department, as the expansion of queues needs it (Q1). */
@ApplicationScoped
public class DepartmentDirectory {

  /**
   * The agents in at least one of {@code departments}, each with those of its departments that are
   * among them; in the caller's session.
   */
  public Uni<List<DirectoryAgent>> inDepartments(Set<String> departments) {
    if (departments.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return AgentDepartmentEntity.<AgentDepartmentEntity>list("departmentId in ?1", departments)
        .flatMap(
            memberships -> {
              Map<String, Set<String>> departmentsByAgent = new LinkedHashMap<>();
              for (AgentDepartmentEntity membership : memberships) {
                departmentsByAgent
                    .computeIfAbsent(membership.agentId, id -> new HashSet<>())
                    .add(membership.departmentId);
              }
              if (departmentsByAgent.isEmpty()) {
                return Uni.createFrom().item(List.<DirectoryAgent>of());
              }
              return AgentEntity.<AgentEntity>list("id in ?1", departmentsByAgent.keySet())
                  .map(
                      agents ->
                          agents.stream()
                              .map(
                                  agent ->
                                      new DirectoryAgent(
                                          agent.id, agent.name, departmentsByAgent.get(agent.id)))
                              .toList());
            });
  }
}
