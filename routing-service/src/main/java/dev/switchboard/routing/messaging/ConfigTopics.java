package dev.switchboard.routing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The topics whose records a decision may depend on, by the names the incoming channels are
 * configured with (normally the {@code Topics} catalogue's; a benchmark points them elsewhere).
 */
@ApplicationScoped
public class ConfigTopics {

  @ConfigProperty(name = "mp.messaging.incoming.config-channels.topic")
  String channels;

  @ConfigProperty(name = "mp.messaging.incoming.config-agents.topic")
  String agents;

  @ConfigProperty(name = "mp.messaging.incoming.presence.topic")
  String presence;

  /** The configuration topics, read in full from the beginning by every instance. */
  public List<String> config() {
    return List.of(channels, agents);
  }

  /** The configuration topics and presence: what a catch-up waits for. */
  public List<String> followed() {
    return List.of(channels, agents, presence);
  }
}
