package dev.switchboard.session.transcript.domain;

import dev.switchboard.session.conversation.domain.AuthorType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;

/**
 * A session's transcript as one e-mail (O4): the subject, a plain-text part and an HTML part, in
 * the channel's language ({@link TranscriptTexts}). Each message is a line {@code [HH:mm] Author:
 * text}, in the conversation's order, its time in the channel's working-time zone (W1; UTC when the
 * zone is not set or not known); the client is named by their display name, agents and bots by the
 * name the client saw, automatic texts (A1, A4, A5, W2...) as "System". The HTML part escapes every
 * text it shows.
 */
public record Transcript(String subject, String text, String html) {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  /**
   * One message of the conversation.
   *
   * @param name the author's name as stored (the client's display name, the agent's or bot's name
   *     the client saw); null when unknown, then the author's kind names them
   * @param text null for a message with only attachments
   */
  public record Line(Instant at, AuthorType author, String name, String text) {}

  /**
   * The transcript of a conversation.
   *
   * @param channelName the channel's name (O1)
   * @param language the channel's {@code other.language}
   * @param timeZone the channel's {@code workingTime.timeZone}, an IANA id; null for UTC
   * @param openedAt when the session opened: the transcript's date
   * @param lines the messages in order
   */
  public static Transcript render(
      String channelName, String language, String timeZone, Instant openedAt, List<Line> lines) {
    TranscriptTexts texts = TranscriptTexts.of(language);
    ZoneId zone = zone(timeZone);
    String channel = channelName == null || channelName.isBlank() ? "Switchboard" : channelName;
    String date =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
            .withLocale(texts.locale())
            .format(openedAt.atZone(zone));
    String heading = texts.get("heading", "channel", channel);
    String dateLine = texts.get("date", "date", date);
    String zoneLine = texts.get("zone", "zone", zone.getId());
    String footer = texts.get("footer", "channel", channel);

    StringBuilder text = new StringBuilder();
    text.append(heading).append('\n').append(dateLine).append('\n').append(zoneLine).append("\n\n");
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"")
        .append(texts.locale().getLanguage())
        .append("\">\n<head><meta charset=\"UTF-8\"><title>")
        .append(escape(texts.get("subject", "channel", channel)))
        .append("</title></head>\n<body style=\"font-family: sans-serif\">\n<h1>")
        .append(escape(heading))
        .append("</h1>\n<p>")
        .append(escape(dateLine))
        .append("<br>")
        .append(escape(zoneLine))
        .append("</p>\n");
    if (lines.isEmpty()) {
      text.append(texts.get("empty")).append('\n');
      html.append("<p>").append(escape(texts.get("empty"))).append("</p>\n");
    }
    for (Line line : lines) {
      String time = TIME.format(line.at().atZone(zone));
      String author = author(line, texts);
      String body = line.text() == null ? texts.get("attachment") : line.text();
      text.append('[').append(time).append("] ").append(author).append(": ").append(body);
      text.append('\n');
      html.append("<p>[")
          .append(time)
          .append("] <strong>")
          .append(escape(author))
          .append("</strong>: ")
          .append(escape(body).replace("\r\n", "\n").replace("\n", "<br>\n"))
          .append("</p>\n");
    }
    text.append('\n').append(footer).append('\n');
    html.append("<hr>\n<p><small>")
        .append(escape(footer))
        .append("</small></p>\n</body>\n</html>\n");
    return new Transcript(
        texts.get("subject", "channel", channel), text.toString(), html.toString());
  }

  /** The zone of the transcript's times: the channel's, or UTC. */
  static ZoneId zone(String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return UTC;
    }
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException unknown) {
      return UTC;
    }
  }

  private static String author(Line line, TranscriptTexts texts) {
    if (line.author() == AuthorType.SYSTEM) {
      return texts.get("author.system");
    }
    if (line.name() != null && !line.name().isBlank()) {
      return line.name().strip();
    }
    return switch (line.author()) {
      case CLIENT -> texts.get("author.client");
      case AGENT -> texts.get("author.agent");
      case BOT -> texts.get("author.bot");
      case SYSTEM -> texts.get("author.system");
    };
  }

  /** The text as HTML shows it literally. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
