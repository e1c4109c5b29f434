package dev.switchboard.gateway.forwarding;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;

/** {@code switchboard.forward.*}: where the gateway forwards the REST API it does not serve. */
@ConfigMapping(prefix = "switchboard.forward")
public interface ForwardingConfig {

  /** {@code CHANNEL_CONFIG_URL}: channels, agents' directory entries, canned-response lists. */
  URI channelConfigUrl();

  /** {@code SESSION_SERVICE_URL}: sessions, an agent's own sessions. */
  URI sessionServiceUrl();

  /** {@code ROUTING_SERVICE_URL}: accepting and declining offers, a channel's waiting sessions. */
  URI routingServiceUrl();

  Duration connectTimeout();

  /** No byte from the upstream service for this long: 504. */
  Duration idleTimeout();
}
