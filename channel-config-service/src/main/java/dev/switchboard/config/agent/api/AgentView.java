package dev.switchboard.config.agent.api;

import dev.switchboard.config.agent.domain.Absence;
import dev.switchboard.config.agent.store.AgentStore.Agent;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent's directory entry as the API shows it. */
public record AgentView(
    @Schema(readOnly = true, description = "The agent id (OIDC subject)") String id,
    @Schema(description = "Q8: the name shown to clients") String name,
    @Schema(nullable = true, description = "Q8: the photo shown to clients") String avatarUrl,
    @Schema(description = "Q1: department ids, in order") List<String> departments,
    @Schema(description = "Q6: never routed to") boolean dismissed,
    @Schema(description = "Q6: periods away") List<Absence> absences,
    @Schema(readOnly = true, description = "Bumped by every change; also the ETag") long version,
    @Schema(readOnly = true) Instant createdAt,
    @Schema(readOnly = true) Instant updatedAt) {

  static AgentView of(Agent agent) {
    return new AgentView(
        agent.entry().id,
        agent.entry().name,
        agent.entry().avatarUrl,
        agent.departments(),
        agent.entry().dismissed,
        agent.entry().absenceList(),
        agent.entry().version,
        agent.entry().createdAt,
        agent.entry().updatedAt);
  }
}
