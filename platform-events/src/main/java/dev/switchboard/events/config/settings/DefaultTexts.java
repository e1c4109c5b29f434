package dev.switchboard.events.config.settings;

import java.util.Locale;
import java.util.Map;

/**
 * The texts a channel sends when its administrator set none, in the channel's language ({@code
 * other.language}, ISO 639-1): English, Spanish, Russian and German; any other language gets the
 * English ones. channel-config-service fills them in as defaults and session-service sends them, so
 * both use this one copy.
 *
 * @param acceptLabel C1: the consent notice's accept button
 * @param declineLabel C1: its decline button
 * @param declinedText C1: sent when the client declines
 * @param ratingRequestText R1: the rating request
 */
public record DefaultTexts(
    String language,
    String acceptLabel,
    String declineLabel,
    String declinedText,
    String ratingRequestText) {

  public static final String FALLBACK_LANGUAGE = "en";

  private static final Map<String, DefaultTexts> BY_LANGUAGE =
      Map.of(
          "en",
          new DefaultTexts(
              "en",
              "Accept",
              "Decline",
              "Without your consent we cannot continue this conversation.",
              "Please rate our conversation from 1 (bad) to 5 (excellent)."),
          "es",
          new DefaultTexts(
              "es",
              "Acepto",
              "No acepto",
              "Sin su consentimiento no podemos continuar esta conversación.",
              "Por favor, valore nuestra conversación de 1 (mala) a 5 (excelente)."),
          "ru",
          new DefaultTexts(
              "ru",
              "Согласен",
              "Не согласен",
              "Без вашего согласия мы не можем продолжить этот разговор.",
              "Пожалуйста, оцените наш разговор от 1 (плохо) до 5 (отлично)."),
          "de",
          new DefaultTexts(
              "de",
              "Zustimmen",
              "Ablehnen",
              "Ohne Ihre Zustimmung können wir dieses Gespräch nicht fortsetzen.",
              "Bitte bewerten Sie unser Gespräch von 1 (schlecht) bis 5 (ausgezeichnet)."));

  /** The texts of this language, or the English ones when it has none (or is null). */
  public static DefaultTexts of(String language) {
    DefaultTexts texts =
        language == null ? null : BY_LANGUAGE.get(language.toLowerCase(Locale.ROOT));
    return texts == null ? BY_LANGUAGE.get(FALLBACK_LANGUAGE) : texts;
  }

  /** Whether this language has texts of its own (else {@link #of} answers English). */
  public static boolean has(String language) {
    return language != null && BY_LANGUAGE.containsKey(language.toLowerCase(Locale.ROOT));
  }
}
