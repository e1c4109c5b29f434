package dev.switchboard.gateway.presence.api;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.presence.AgentPresenceChanged;
import dev.switchboard.events.presence.PresenceChangeReason;
import dev.switchboard.events.presence.PresenceStatus;
import dev.switchboard.gateway.kafka.EventPublisher;
import dev.switchboard.gateway.presence.store.PresenceStore;
import dev.switchboard.gateway.security.AgentIds;
import dev.switchboard.platform.runtime.api.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agent sets their own presence (Q6); routing learns it from {@code oc.presence.v1}. The status
 * is also kept, and wins over what the agent's WebSockets say (PresenceRules).
 */
@Path("/api/v1/agent/status")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agent")
public class AgentStatusResource {

  @Inject SecurityIdentity identity;
  @Inject EventPublisher events;
  @Inject PresenceStore presence;
  @Inject Clock clock;

  @PUT
  @RolesAllowed("agent")
  @Operation(
      summary =
          "Q6: set my status (ONLINE, AWAY, OFFLINE); answered once AgentPresenceChanged is"
              + " published")
  public Uni<AgentStatusResponse> set(AgentStatusRequest request) {
    if (request == null || request.status() == null) {
      throw ProblemException.badField("status", "is required: ONLINE, AWAY or OFFLINE");
    }
    String agentId = AgentIds.of(identity);
    boolean clockedIn =
        request.clockedIn() != null
            ? request.clockedIn()
            : request.status() != PresenceStatus.OFFLINE;
    Instant now = clock.instant();
    AgentPresenceChanged event =
        new AgentPresenceChanged(
            PlatformEvent.newId(),
            agentId,
            request.status(),
            clockedIn,
            PresenceChangeReason.EXPLICIT,
            now);
    // Stored first: the agent's sockets follow it from now on (PresenceRules).
    return presence
        .explicit(agentId, request.status(), clockedIn)
        .chain(() -> events.publish(event))
        .replaceWith(new AgentStatusResponse(agentId, request.status(), clockedIn, now));
  }
}
