package dev.switchboard.events.crm;

import dev.switchboard.events.Checks;
import java.time.Instant;

/**
 * The session's client matches a CRM record (Q9, Q10). With Q14 on, routing gives the session to
 * {@code responsibleAgentId} even if that agent is not in the queue.
 *
 * @param crmProvider which CRM answered: {@code builtin}, {@code bitrix24}, ...
 * @param responsibleAgentId the record's responsible employee as a platform agent id, when they are
 *     one
 */
public record ClientRecognised(
    String id,
    String channelId,
    String sessionId,
    String clientId,
    String crmProvider,
    CrmEntityType crmEntityType,
    String crmEntityId,
    String responsibleAgentId,
    Instant occurredAt)
    implements CrmEvent {

  public ClientRecognised {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireText(sessionId, "sessionId");
    Checks.requireText(clientId, "clientId");
    Checks.requireText(crmProvider, "crmProvider");
    Checks.requireValue(crmEntityType, "crmEntityType");
    Checks.requireText(crmEntityId, "crmEntityId");
    Checks.requireValue(occurredAt, "occurredAt");
  }
}
