package dev.switchboard.session.lifecycle.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a client's answer to the rating request (R1) and to the consent notice (C1): a pressed
 * button's value where the connector has buttons, else the text the client typed. Plain Java: the
 * words understood are those of the languages the platform writes its default texts in (English,
 * Spanish, Russian, German), plus the digits and stars any client can send.
 */
public final class ClientAnswers {

  /** The value of the rating buttons: {@code rating:1} ... {@code rating:5}. */
  public static final String RATING_VALUE_PREFIX = "rating:";

  public static final String CONSENT_ACCEPT_VALUE = "consent:accept";
  public static final String CONSENT_DECLINE_VALUE = "consent:decline";

  private static final Pattern ONE_DIGIT_SCORE = Pattern.compile("^\\D*([1-5])(?:\\D.*)?$");
  private static final String STAR = "\u2B50";
  private static final String BLACK_STAR = "\u2605";

  private static final Set<String> YES =
      Set.of(
          "yes",
          "y",
          "ok",
          "okay",
          "accept",
          "i accept",
          "agree",
          "i agree", // en
          "si",
          "acepto",
          "aceptar",
          "de acuerdo",
          "vale", // es (accents dropped below)
          "да",
          "согласен",
          "согласна",
          "принимаю",
          "ок", // ru
          "ja",
          "akzeptieren",
          "ich stimme zu",
          "einverstanden",
          "zustimmen"); // de

  private static final Set<String> NO =
      Set.of(
          "no",
          "n",
          "decline",
          "i decline",
          "disagree",
          "refuse", // en (and es "no")
          "rechazo",
          "rechazar",
          "no acepto", // es
          "нет",
          "не согласен",
          "не согласна",
          "отказываюсь", // ru
          "nein",
          "ablehnen",
          "ich lehne ab"); // de

  private ClientAnswers() {}

  /** The value of the button for {@code score} (1-5). */
  public static String ratingValue(int score) {
    return RATING_VALUE_PREFIX + score;
  }

  /**
   * The score (1-5) the client gave: a rating button's value, a message whose only digit is one
   * from 1 to 5 ("4", "5!", "I give 3"), or 1-5 stars. Empty when the message is something else
   * (the client went on talking): it is then an ordinary message.
   */
  public static OptionalInt rating(String text, String buttonValue) {
    if (buttonValue != null && buttonValue.startsWith(RATING_VALUE_PREFIX)) {
      return score(buttonValue.substring(RATING_VALUE_PREFIX.length()));
    }
    if (text == null || text.isBlank() || text.length() > 40) {
      return OptionalInt.empty();
    }
    String stripped = text.strip();
    int stars = countStars(stripped);
    if (stars > 0) {
      return stars <= 5 && stripped.replace(STAR, "").replace(BLACK_STAR, "").isBlank()
          ? OptionalInt.of(stars)
          : OptionalInt.empty();
    }
    Matcher digit = ONE_DIGIT_SCORE.matcher(stripped);
    return digit.matches() ? OptionalInt.of(digit.group(1).charAt(0) - '0') : OptionalInt.empty();
  }

  /**
   * The client's answer to the consent notice: true accepted, false declined, empty when the
   * message answers neither way (the notice is then still waiting for an answer).
   */
  public static Optional<Boolean> consent(String text, String buttonValue) {
    if (CONSENT_ACCEPT_VALUE.equals(buttonValue)) {
      return Optional.of(true);
    }
    if (CONSENT_DECLINE_VALUE.equals(buttonValue)) {
      return Optional.of(false);
    }
    if (text == null || text.length() > 40) {
      return Optional.empty();
    }
    String said = normalized(text);
    if (YES.contains(said)) {
      return Optional.of(true);
    }
    if (NO.contains(said)) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  private static OptionalInt score(String digits) {
    return digits.length() == 1 && digits.charAt(0) >= '1' && digits.charAt(0) <= '5'
        ? OptionalInt.of(digits.charAt(0) - '0')
        : OptionalInt.empty();
  }

  private static int countStars(String text) {
    int stars = 0;
    for (int i = text.indexOf(STAR); i >= 0; i = text.indexOf(STAR, i + 1)) {
      stars++;
    }
    for (int i = text.indexOf(BLACK_STAR); i >= 0; i = text.indexOf(BLACK_STAR, i + 1)) {
      stars++;
    }
    return stars;
  }

  /** Lower case, accents dropped, punctuation and emoji around the words removed. */
  static String normalized(String text) {
    String plain =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    return plain.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "").replaceAll("\\s+", " ");
  }
}
