package dev.switchboard.config.agent.messaging;

import dev.switchboard.config.agent.store.AgentEntity;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.config.AgentAbsence;
import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.platform.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Announces an agent's directory entry on the compacted {@value Topics#CONFIG_AGENTS}, once per
 * version, through the outbox of the transaction that changed it.
 */
@ApplicationScoped
public class AgentChanges {

  static final String SOURCE = CloudEventHeaders.source("channel-config-service");

  @Inject Outbox outbox;

  /**
   * Call inside the transaction that stored {@code agent}, with its dismissal and absences (Q6).
   */
  public Uni<Void> announce(AgentEntity agent, List<String> departments) {
    AgentDirectoryChanged event =
        new AgentDirectoryChanged(
            PlatformEvent.newId(),
            agent.id,
            agent.version,
            false,
            agent.name,
            agent.avatarUrl,
            departments,
            agent.dismissed,
            agent.absenceList().stream()
                .map(a -> new AgentAbsence(a.from(), a.to(), a.reason()))
                .toList(),
            agent.updatedAt);
    return outbox.add(
        Topics.CONFIG_AGENTS,
        event.partitionKey(),
        CloudEventHeaders.of(event, SOURCE),
        EventJson.write(event));
  }

  /** Publishes the committed changes now rather than at the relay's next poll. */
  public void flush() {
    outbox.flushSoon();
  }
}
