package dev.switchboard.config.channel.store;

/**
 * Another transaction made a new version of the channel between our read and our conditional
 * update; the whole transaction is rolled back and, when the client set no {@code If-Match}, tried
 * again on the latest version.
 */
public class ChannelChangedConcurrently extends RuntimeException {

  public ChannelChangedConcurrently(java.util.UUID channelId) {
    super("Channel " + channelId + " changed concurrently", null, false, false);
  }
}
