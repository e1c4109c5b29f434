package dev.switchboard.events;

/** An event about one open channel; unless it says otherwise, it is keyed by that channel. */
public interface ChannelScoped extends PlatformEvent {

  String channelId();

  @Override
  default String partitionKey() {
    return channelId();
  }
}
