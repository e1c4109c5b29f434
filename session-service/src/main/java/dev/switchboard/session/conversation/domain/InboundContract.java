package dev.switchboard.session.conversation.domain;

import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.inbound.InboundMessageReceived;

/**
 * What a connector may publish on {@code oc.inbound.messages.v1}, beyond the fields the record
 * requires (docs/topics.md, "What session-service accepts"). Any connector holding the connector
 * principal can write the topic, so nothing it sends is trusted: an oversized text or client field
 * would be stored, announced on {@code oc.session.events.v1} and pushed to every agent, and one
 * past Kafka's 1 MiB limit blocked the services' publishing. A record that breaks a rule can never
 * be handled and goes to the dead-letter topic with the rule's reason.
 *
 * <p>Lengths count UTF-16 code units ({@link String#length()}).
 */
public final class InboundContract {

  /** The whole record's value, in bytes: room for the longest text even with every char escaped. */
  public static final int MAX_RECORD_BYTES = 128 * 1024;

  /** Telegram and WhatsApp stop at 4096, Messenger at 2000; a web chat gets more room. */
  public static final int MAX_TEXT_LENGTH = 10_000;

  /** Telegram's media group, the largest album a messenger sends as one message, holds 10. */
  public static final int MAX_ATTACHMENTS = 10;

  /** Ids, names and the client's other fields. */
  public static final int MAX_FIELD_LENGTH = 255;

  /** An attachment's or an avatar's URL. */
  public static final int MAX_URL_LENGTH = 2048;

  /** Why a record is refused: the rule (a metric tag) and a reason for the dead-letter header. */
  public record Violation(Rule rule, String reason) {}

  /** The kinds of rule, as tagged on {@code switchboard.session.inbound.refused}. */
  public enum Rule {
    SIZE("size"),
    CONTENT("content"),
    KEY("key");

    private final String tag;

    Rule(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  private InboundContract() {}

  /** A record too large to read at all, or null. */
  public static Violation recordSize(int valueBytes) {
    return valueBytes > MAX_RECORD_BYTES
        ? new Violation(
            Rule.SIZE,
            "The record is " + valueBytes + " bytes, more than " + MAX_RECORD_BYTES + " allowed")
        : null;
  }

  /** The first rule the message breaks, or null when it may be handled. */
  public static Violation check(InboundMessageReceived event, String recordKey) {
    String expectedKey = event.partitionKey();
    if (!expectedKey.equals(recordKey)) {
      return new Violation(
          Rule.KEY,
          "The record key must be connectorType:accountId:externalChatId ("
              + expectedKey
              + "), not "
              + (recordKey == null ? "absent" : recordKey));
    }
    if ((event.text() == null || event.text().isEmpty()) && event.attachments().isEmpty()) {
      return new Violation(Rule.CONTENT, "The message has neither text nor attachments");
    }
    String tooLong = firstTooLong(event);
    if (tooLong != null) {
      return new Violation(Rule.SIZE, tooLong);
    }
    return null;
  }

  private static String firstTooLong(InboundMessageReceived event) {
    if (event.attachments().size() > MAX_ATTACHMENTS) {
      return "The message has "
          + event.attachments().size()
          + " attachments, more than "
          + MAX_ATTACHMENTS
          + " allowed";
    }
    String found =
        first(
            over("text", event.text(), MAX_TEXT_LENGTH),
            over("id", event.id(), MAX_FIELD_LENGTH),
            over("connectorId", event.connectorId(), MAX_FIELD_LENGTH),
            over("accountId", event.accountId(), MAX_FIELD_LENGTH),
            over("externalChatId", event.externalChatId(), MAX_FIELD_LENGTH),
            over("externalMessageId", event.externalMessageId(), MAX_FIELD_LENGTH),
            over("buttonValue", event.buttonValue(), MAX_FIELD_LENGTH),
            client(event.client()));
    if (found != null) {
      return found;
    }
    for (int i = 0; i < event.attachments().size(); i++) {
      found = attachment("attachments[" + i + "]", event.attachments().get(i));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String client(ClientIdentity who) {
    return first(
        over("client.externalUserId", who.externalUserId(), MAX_FIELD_LENGTH),
        over("client.displayName", who.displayName(), MAX_FIELD_LENGTH),
        over("client.firstName", who.firstName(), MAX_FIELD_LENGTH),
        over("client.lastName", who.lastName(), MAX_FIELD_LENGTH),
        over("client.username", who.username(), MAX_FIELD_LENGTH),
        over("client.avatarUrl", who.avatarUrl(), MAX_URL_LENGTH),
        over("client.email", who.email(), MAX_FIELD_LENGTH),
        over("client.phone", who.phone(), MAX_FIELD_LENGTH),
        over("client.locale", who.locale(), MAX_FIELD_LENGTH));
  }

  private static String attachment(String field, Attachment attachment) {
    if (attachment.sizeBytes() != null && attachment.sizeBytes() < 0) {
      return field + ".sizeBytes must not be negative";
    }
    return first(
        over(field + ".url", attachment.url(), MAX_URL_LENGTH),
        over(field + ".name", attachment.name(), MAX_FIELD_LENGTH),
        over(field + ".mimeType", attachment.mimeType(), MAX_FIELD_LENGTH));
  }

  private static String over(String field, String value, int max) {
    return value != null && value.length() > max
        ? field + " is " + value.length() + " characters long, more than " + max + " allowed"
        : null;
  }

  private static String first(String... reasons) {
    for (String reason : reasons) {
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }
}
