package dev.switchboard.config.channel.messaging;

import dev.switchboard.config.channel.store.ChannelEntity;
import dev.switchboard.events.CloudEventHeaders;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.config.ChannelConfigChanged;
import dev.switchboard.events.config.ChannelSettings;
import dev.switchboard.platform.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Announces a channel's new state on the compacted {@value Topics#CONFIG_CHANNELS}, once per
 * version, through the outbox of the transaction that made the change.
 */
@ApplicationScoped
public class ChannelChanges {

  static final String SOURCE = CloudEventHeaders.source("channel-config-service");

  @Inject Outbox outbox;

  /** Call inside the transaction that stored {@code channel}. */
  public Uni<Void> announce(ChannelEntity channel) {
    ChannelConfigChanged event =
        new ChannelConfigChanged(
            PlatformEvent.newId(),
            channel.id.toString(),
            channel.version,
            channel.deletedAt != null,
            channel.deletedAt != null ? null : new ChannelSettings(channel.name, channel.active),
            channel.updatedAt);
    return outbox.add(
        Topics.CONFIG_CHANNELS,
        event.partitionKey(),
        CloudEventHeaders.of(event, SOURCE),
        EventJson.write(event));
  }

  /**
   * Publishes what the committed transactions left in the outbox without waiting for the next poll.
   */
  public void flush() {
    outbox.flushSoon();
  }
}
