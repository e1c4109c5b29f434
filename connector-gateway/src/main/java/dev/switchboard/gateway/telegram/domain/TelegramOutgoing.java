package dev.switchboard.gateway.telegram.domain;

import dev.switchboard.events.common.AgentRef;
import dev.switchboard.events.outbound.OutboundMessageRequested;
import dev.switchboard.events.outbound.ReplyButton;
import java.util.ArrayList;
import java.util.List;

/**
 * How an {@link OutboundMessageRequested} looks in Telegram's {@code sendMessage}: the agent's name
 * as a bold first line when the message has a {@code sender} with a name (Q8; HTML parse mode, the
 * name and the text escaped), the text exactly as given otherwise, and its {@code buttons} as an
 * inline keyboard of rows of at most {@value #BUTTONS_PER_ROW}. A text that leaves no room for the
 * name line within Telegram's {@value #MAX_TEXT} characters goes without it.
 *
 * @param text the {@code text} parameter
 * @param parseMode {@code "HTML"} when {@code text} is HTML, null for plain text
 * @param keyboard the inline keyboard's rows; empty for none
 */
public record TelegramOutgoing(String text, String parseMode, List<List<ReplyButton>> keyboard) {

  /** Buttons in one keyboard row at most: five fit a phone's width (a 1–5 rating in one row). */
  public static final int BUTTONS_PER_ROW = 5;

  public static final String HTML = "HTML";

  /** Telegram's longest message text, in UTF-16 code units after entities are parsed. */
  static final int MAX_TEXT = 4096;

  public TelegramOutgoing {
    keyboard = List.copyOf(keyboard);
  }

  public static TelegramOutgoing of(OutboundMessageRequested message) {
    String name = authorName(message.sender());
    if (name != null && name.length() + 1 + message.text().length() > MAX_TEXT) {
      // Telegram would refuse the whole message as too long: the text matters more than the name.
      name = null;
    }
    String text =
        name == null ? message.text() : "<b>" + escape(name) + "</b>\n" + escape(message.text());
    return new TelegramOutgoing(text, name == null ? null : HTML, rows(message.buttons()));
  }

  /** The name the client sees, or null when there is none to show (no sender: hidden, Q8). */
  private static String authorName(AgentRef sender) {
    if (sender == null || sender.displayName() == null || sender.displayName().isBlank()) {
      return null;
    }
    return sender.displayName().strip();
  }

  private static List<List<ReplyButton>> rows(List<ReplyButton> buttons) {
    List<List<ReplyButton>> rows = new ArrayList<>();
    for (int from = 0; from < buttons.size(); from += BUTTONS_PER_ROW) {
      rows.add(
          List.copyOf(buttons.subList(from, Math.min(buttons.size(), from + BUTTONS_PER_ROW))));
    }
    return rows;
  }

  /**
   * Telegram's HTML style: every {@code &}, {@code <} and {@code >} that is not markup is written
   * as its entity (Bot API, "Formatting options").
   */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
