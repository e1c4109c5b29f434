package dev.switchboard.config.connector;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.config.connector.domain.TelegramCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelegramCredentialsTest {

  private static final String TOKEN = "123456789:AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3WpLsQ";

  @Test
  void theAccountIsTheBotIdBeforeTheColon() {
    assertThat(
        TelegramCredentials.of(TOKEN, "s3cret-webhook-token").accountId(), equalTo("123456789"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3WpLsQ",
        "123456789AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3WpLsQ",
        "123456789:short",
        "123456789:AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3WpLs",
        "123456789:AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3WpLs!",
        "0123:AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3WpLsQ",
        "bot:AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3WpLsQ",
        " 123456789:AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3WpLsQ",
        ""
      })
  void tokensWithoutTelegramsFormatAreRefused(String token) {
    assertThat(TelegramCredentials.isBotToken(token), is(false));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "has space",
        "semi;colon",
        "ñ",
        "a",
        "A-z_0",
        "fifteen-chars15",
        "has space too long"
      })
  void webhookSecretsOutsideTelegramsAlphabetOrShorterThan16AreRefused(String secret) {
    assertThat(TelegramCredentials.isWebhookSecret(secret), is(false));
  }

  @Test
  void webhookSecretsMayHoldUpTo256Characters() {
    assertThat(TelegramCredentials.isWebhookSecret("a".repeat(256)), is(true));
    assertThat(TelegramCredentials.isWebhookSecret("a".repeat(257)), is(false));
    assertThat(TelegramCredentials.isWebhookSecret("A-z_0123456789-_"), is(true));
  }

  @Test
  void neitherTheTextNorTheFailureShowsTheSecrets() {
    String text = TelegramCredentials.of(TOKEN, "s3cret-value-0123").toString();
    assertThat(text, not(containsString("AAH4s9")));
    assertThat(text, not(containsString("s3cret-value-0123")));
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> TelegramCredentials.of(TOKEN + "!", "x"));
    assertThat(refused.getMessage(), not(containsString("AAH4s9")));
  }
}
