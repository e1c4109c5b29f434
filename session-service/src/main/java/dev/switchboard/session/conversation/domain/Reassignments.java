package dev.switchboard.session.conversation.domain;

import dev.switchboard.events.common.AssignmentReason;

/** Which of routing-service's assignments move a session that is assigned already. */
public final class Reassignments {

  private Reassignments() {}

  /**
   * Q14 for an assigned session: routing-service moved it from its agent (who had not answered yet)
   * to the client's CRM-responsible person, releasing the previous agent in the same step. The only
   * reassignment of an ASSIGNED session this service accepts; a repeat naming the agent who already
   * has it changes nothing.
   */
  public static boolean toResponsiblePerson(
      SessionState state, String assignedAgentId, AssignmentReason reason, String newAgentId) {
    return state == SessionState.ASSIGNED
        && reason == AssignmentReason.RESPONSIBLE_PERSON
        && assignedAgentId != null
        && !assignedAgentId.equals(newAgentId);
  }
}
