package dev.switchboard.events;

/**
 * An event about one session of one channel. Its session id becomes the CloudEvents {@code
 * ce_subject}, so logs and tools can follow a session without parsing the payload.
 */
public interface SessionScoped extends ChannelScoped {

  String sessionId();
}
