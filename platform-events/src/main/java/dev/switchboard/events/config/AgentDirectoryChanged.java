package dev.switchboard.events.config;

import dev.switchboard.events.Checks;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import java.time.Instant;
import java.util.List;

/**
 * The latest directory entry of one agent, published by channel-config-service. Topic {@value
 * Topics#CONFIG_AGENTS} (compacted), keyed by agent id.
 *
 * @param agentId the agent's id (the OIDC subject)
 * @param departments ids of the departments the agent belongs to (a queue may name a department,
 *     Q1)
 * @param dismissed the agent no longer works here and is never routed to (Q6)
 * @param absences current and future absences (Q6)
 * @param deleted the entry was removed from the directory
 */
public record AgentDirectoryChanged(
    String id,
    String agentId,
    long version,
    boolean deleted,
    String name,
    String avatarUrl,
    List<String> departments,
    boolean dismissed,
    List<AgentAbsence> absences,
    Instant occurredAt)
    implements PlatformEvent {

  public AgentDirectoryChanged {
    Checks.requireText(id, "id");
    Checks.requireText(agentId, "agentId");
    Checks.requireValue(occurredAt, "occurredAt");
    departments = Checks.listOrEmpty(departments);
    absences = Checks.listOrEmpty(absences);
  }

  @Override
  public String partitionKey() {
    return agentId;
  }

  /** Whether one of the agent's absences covers {@code instant}. */
  public boolean absentAt(Instant instant) {
    return absences.stream().anyMatch(absence -> absence.covers(instant));
  }
}
