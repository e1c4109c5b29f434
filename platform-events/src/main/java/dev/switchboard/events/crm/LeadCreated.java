package dev.switchboard.events.crm;

import dev.switchboard.events.Checks;
import dev.switchboard.events.common.ConnectorType;
import java.time.Instant;

/**
 * A lead was created in the CRM for a session's client (Q11, Q12), with the client's name and the
 * message log.
 *
 * @param source the connector the client wrote through, recorded as the lead source (Q13)
 * @param createdByAgentId the agent who asked for it, when {@code trigger} is {@code MANUAL}
 */
public record LeadCreated(
    String id,
    String channelId,
    String sessionId,
    String clientId,
    String crmProvider,
    String leadId,
    String responsibleAgentId,
    ConnectorType source,
    LeadTrigger trigger,
    String createdByAgentId,
    Instant occurredAt)
    implements CrmEvent {

  public LeadCreated {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(clientId, "clientId");
    Checks.requireText(crmProvider, "crmProvider");
    Checks.requireText(leadId, "leadId");
    Checks.requireValue(trigger, "trigger");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
