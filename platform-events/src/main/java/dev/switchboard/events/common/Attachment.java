package dev.switchboard.events.common;

import dev.switchboard.events.Checks;

/**
 * A file sent with a message. The bytes never travel on Kafka: {@code url} is where they can be
 * fetched (by the platform from the connector, or by the connector from the platform).
 *
 * @param sizeBytes the size in bytes, when known
 */
public record Attachment(
    AttachmentType type, String url, String name, String mimeType, Long sizeBytes) {

  public Attachment {
    Checks.requireValue(type, "attachment.type");
    Checks.requireText(url, "attachment.url");
  }
}
