package dev.switchboard.events.config;

import dev.switchboard.events.ChannelScoped;
import dev.switchboard.events.Checks;
import dev.switchboard.events.Topics;
import java.time.Instant;

/**
 * The latest state of one channel, published by channel-config-service after every change. Topic
 * {@value Topics#CONFIG_CHANNELS} (compacted), keyed by channel id: a consumer that reads it from
 * the beginning knows every channel. A consumer keeps a record only if its {@code version} is
 * higher than the one it has.
 *
 * @param version the channel's version, the same number as its REST {@code ETag}; grows with every
 *     change
 * @param deleted the channel was deleted (O5); then {@code settings} is absent
 */
public record ChannelConfigChanged(
    String id,
    String channelId,
    long version,
    boolean deleted,
    ChannelSettings settings,
    Instant occurredAt)
    implements ChannelScoped {

  public ChannelConfigChanged {
    Checks.requireText(id, "id");
    Checks.requireText(channelId, "channelId");
    Checks.requireValue(occurredAt, "occurredAt");
    if (!deleted) {
      Checks.requireValue(settings, "settings");
    }
  }
}
