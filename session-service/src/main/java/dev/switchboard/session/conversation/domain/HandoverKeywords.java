package dev.switchboard.session.conversation.domain;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * B1 "or on the client's request": a client who writes one of the channel's handover keywords
 * ({@code bots.handoverKeywords}) in a session with the bot is handed over to a person. A message
 * matches when it is the keyword and nothing else, ignoring case and what surrounds the words
 * (spaces, punctuation, emoji: anything that is not a letter or a digit), so "¡Operador!" matches
 * "operador" but "I don't want an operator" does not: a keyword inside a longer sentence is the
 * bot's to understand.
 */
public final class HandoverKeywords {

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final List<String> keywords;

  private HandoverKeywords(List<String> keywords) {
    this.keywords = keywords;
  }

  /** The channel's keywords as configured; blank ones and those without a letter never match. */
  public static HandoverKeywords of(List<String> configured) {
    return new HandoverKeywords(
        configured.stream().map(HandoverKeywords::comparable).filter(k -> !k.isEmpty()).toList());
  }

  /** Whether the client's message asks for a person; false for a message without text. */
  public boolean requestedBy(String messageText) {
    if (messageText == null || keywords.isEmpty()) {
      return false;
    }
    String said = comparable(messageText);
    return !said.isEmpty() && keywords.contains(said);
  }

  /**
   * The form a keyword and a message are compared in: without anything but letters and digits at
   * either end, runs of spaces inside as one space, in lower case.
   */
  static String comparable(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && !Character.isLetterOrDigit(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && !Character.isLetterOrDigit(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return SPACES.matcher(text.substring(start, end)).replaceAll(" ").toLowerCase(Locale.ROOT);
  }
}
