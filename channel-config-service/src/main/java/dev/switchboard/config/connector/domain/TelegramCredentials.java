package dev.switchboard.config.connector.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the platform needs to act as a Telegram bot: the token BotFather gave ({@code <bot
 * id>:<secret>}) and the secret Telegram repeats in {@code X-Telegram-Bot-Api-Secret-Token} on
 * every webhook call. Both are secrets: {@link #toString()} never shows them.
 */
public final class TelegramCredentials {

  /** The bot's numeric id (never starting with 0), a colon, and 35 or more token characters. */
  static final Pattern BOT_TOKEN = Pattern.compile("([1-9][0-9]{0,19}):[A-Za-z0-9_-]{35,200}");

  /**
   * Telegram's setWebhook accepts 1 to 256 characters of {@code A-Za-z0-9_-} as {@code
   * secret_token}; we require at least {@value #MIN_WEBHOOK_SECRET_LENGTH}, so that the only proof
   * a webhook call carries cannot be guessed (a 1-character one falls in 64 tries).
   */
  public static final int MIN_WEBHOOK_SECRET_LENGTH = 16;

  static final Pattern WEBHOOK_SECRET =
      Pattern.compile("[A-Za-z0-9_-]{" + MIN_WEBHOOK_SECRET_LENGTH + ",256}");

  private final String botToken;
  private final String webhookSecret;

  private TelegramCredentials(String botToken, String webhookSecret) {
    this.botToken = botToken;
    this.webhookSecret = webhookSecret;
  }

  /**
   * @throws IllegalArgumentException when either does not have Telegram's format (the message does
   *     not repeat them)
   */
  public static TelegramCredentials of(String botToken, String webhookSecret) {
    if (!isBotToken(botToken)) {
      throw new IllegalArgumentException("Not a Telegram bot token");
    }
    if (!isWebhookSecret(webhookSecret)) {
      throw new IllegalArgumentException("Not a Telegram webhook secret");
    }
    return new TelegramCredentials(botToken, webhookSecret);
  }

  public static boolean isBotToken(String value) {
    return value != null && BOT_TOKEN.matcher(value).matches();
  }

  public static boolean isWebhookSecret(String value) {
    return value != null && WEBHOOK_SECRET.matcher(value).matches();
  }

  /** The bot's numeric id, the part of the token before {@code :}: the connector's account (G3). */
  public String accountId() {
    return botToken.substring(0, botToken.indexOf(':'));
  }

  public String botToken() {
    return botToken;
  }

  public String webhookSecret() {
    return webhookSecret;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TelegramCredentials that
        && botToken.equals(that.botToken)
        && webhookSecret.equals(that.webhookSecret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(botToken, webhookSecret);
  }

  @Override
  public String toString() {
    return "TelegramCredentials[accountId=" + accountId() + ", secrets=<redacted>]";
  }
}
