package dev.switchboard.session.conversation.domain;

import dev.switchboard.events.common.Attachment;
import dev.switchboard.events.common.ClientIdentity;
import dev.switchboard.events.inbound.InboundMessageReceived;

/**
 * PostgreSQL refuses U+0000 in a text value (SQL state 22021), so a client's message holding one
 * could never be stored and went to the dead-letter topic: the client's message was silently lost.
 * It is stored instead with each U+0000 replaced by U+FFFD (the replacement character, which says
 * "a character that could not be kept was here"); the events announce the message as stored.
 */
public final class StorableText {

  /** U+FFFD REPLACEMENT CHARACTER. */
  public static final char REPLACEMENT = '\uFFFD';

  private StorableText() {}

  /**
   * The text with every U+0000 and every unpaired surrogate replaced by U+FFFD; null stays null. An
   * unpaired surrogate (JSON allows {@code "\\ud800"}) is no Unicode character: the PostgreSQL
   * client wrote it as bytes that are not UTF-8, refused with the same SQL state (found by the fuzz
   * tests).
   */
  public static String of(String text) {
    if (text == null || !needsReplacing(text)) {
      return text;
    }
    StringBuilder storable = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        storable.append(c).append(text.charAt(++i));
      } else {
        storable.append(c == '\u0000' || Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    return storable.toString();
  }

  private static boolean needsReplacing(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000' || Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** The message with U+0000 replaced in every text it carries (an equal message if none). */
  public static InboundMessageReceived of(InboundMessageReceived event) {
    ClientIdentity who = event.client();
    return new InboundMessageReceived(
        of(event.id()),
        event.connectorType(),
        of(event.connectorId()),
        of(event.accountId()),
        of(event.externalChatId()),
        of(event.externalMessageId()),
        new ClientIdentity(
            of(who.externalUserId()),
            of(who.displayName()),
            of(who.firstName()),
            of(who.lastName()),
            of(who.username()),
            of(who.avatarUrl()),
            of(who.email()),
            of(who.phone()),
            of(who.locale())),
        of(event.text()),
        of(event.buttonValue()),
        event.attachments().stream()
            .map(
                a ->
                    new Attachment(
                        a.type(), of(a.url()), of(a.name()), of(a.mimeType()), a.sizeBytes()))
            .toList(),
        event.sentAt(),
        event.occurredAt());
  }
}
