package dev.switchboard.session.lifecycle.domain;

import dev.switchboard.events.config.settings.ChannelSections;
import dev.switchboard.events.outbound.ReplyButton;
import dev.switchboard.session.conversation.domain.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What closing a session does, by the channel's settings at that moment: the closing text (A5), the
 * rating request (R1) and how long the rating is awaited (A6). Plain Java, the settings and the
 * time given.
 *
 * <p>A rating is asked only of a session an agent had (a bot's or a waiting session has nobody to
 * rate). With a wait of 0 the session is closed at once; a rating that comes later is still
 * recorded on it (A6: "a later rating re-opens the session" for the rating only).
 *
 * @param closingText the text to send first, or null
 * @param ratingRequest the rating request's text, or null when none is asked
 * @param next CLOSED_AWAITING_RATING while a rating is awaited, else CLOSED
 * @param awaitingRatingUntil when the wait ends (with CLOSED_AWAITING_RATING), else null
 */
public record SessionClosing(
    String closingText, String ratingRequest, SessionState next, Instant awaitingRatingUntil) {

  /** The buttons of the rating request, 5 (best) first: "5 ★★★★★" ... "1 ★". */
  public static List<ReplyButton> ratingButtons() {
    List<ReplyButton> buttons = new ArrayList<>(5);
    for (int score = 5; score >= 1; score--) {
      buttons.add(
          new ReplyButton(score + " " + "\u2605".repeat(score), ClientAnswers.ratingValue(score)));
    }
    return buttons;
  }

  /**
   * @param settings the channel's settings now (defaults filled in)
   * @param hadAgent whether an agent had the session (ASSIGNED, WAITING_CLIENT, ANSWERED)
   */
  public static SessionClosing of(ChannelSections settings, boolean hadAgent, Instant now) {
    ChannelSections.Automation automation = settings.automation();
    String closing =
        Boolean.TRUE.equals(automation.closingEnabled()) && notBlank(automation.closingText())
            ? automation.closingText()
            : null;
    ChannelSections.Quality quality = settings.quality();
    boolean asks = hadAgent && Boolean.TRUE.equals(quality.askRating());
    String request =
        asks && notBlank(quality.ratingRequestText()) ? quality.ratingRequestText() : null;
    int waitSeconds = automation.ratingWaitSeconds() == null ? 0 : automation.ratingWaitSeconds();
    if (request == null || waitSeconds <= 0) {
      return new SessionClosing(closing, request, SessionState.CLOSED, null);
    }
    return new SessionClosing(
        closing,
        request,
        SessionState.CLOSED_AWAITING_RATING,
        now.plus(Duration.ofSeconds(waitSeconds)));
  }

  private static boolean notBlank(String text) {
    return text != null && !text.isBlank();
  }
}
