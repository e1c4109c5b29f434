package dev.switchboard.session.transcript.domain;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The fixed texts of a transcript e-mail in one language: the resource bundle {@code
 * dev/switchboard/session/transcript/domain/transcript[_es|_ru|_de].properties} (English is the
 * base). A channel whose {@code other.language} has no bundle gets English.
 */
public final class TranscriptTexts {

  /** The languages with texts of their own; any other gets English. */
  public static final Set<String> LANGUAGES = Set.of("en", "es", "ru", "de");

  private static final String BUNDLE = "dev.switchboard.session.transcript.domain.transcript";

  private final Locale locale;
  private final ResourceBundle bundle;

  private TranscriptTexts(Locale locale) {
    this.locale = locale;
    // No fallback to the JVM's default locale: a language without texts gets the base (English).
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            TranscriptTexts.class.getClassLoader(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The texts for the channel's {@code other.language} (ISO 639-1); English for null or other. */
  public static TranscriptTexts of(String language) {
    String code = language == null ? "en" : language.strip().toLowerCase(Locale.ROOT);
    return new TranscriptTexts(Locale.forLanguageTag(LANGUAGES.contains(code) ? code : "en"));
  }

  /** The language the texts are in. */
  public Locale locale() {
    return locale;
  }

  /** The text under this key, each {@code {name}} replaced by the next value of the pairs. */
  public String get(String key, String... namesAndValues) {
    String text = bundle.getString(key);
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      text = text.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
    }
    return text;
  }
}
