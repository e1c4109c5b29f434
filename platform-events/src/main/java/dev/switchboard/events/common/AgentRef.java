package dev.switchboard.events.common;

import dev.switchboard.events.Checks;

/**
 * An agent as shown to a client: the profile (or the channel's own entry for that agent), per Q8.
 * When the channel hides its agents, events carry no {@code AgentRef} at all.
 *
 * @param agentId the agent's id (the OIDC subject)
 */
public record AgentRef(String agentId, String displayName, String avatarUrl) {

  public AgentRef {
    Checks.requireText(agentId, "agentId");
  }
}
