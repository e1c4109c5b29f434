package dev.switchboard.gateway.connector;

import static io.restassured.RestAssured.given;

import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TelegramUpdatesJson;
import dev.switchboard.gateway.support.TestConnectors;
import dev.switchboard.gateway.support.TestConnectors.Bot;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A secrets key rotation seen from the gateway (README, "Rotating the connector secrets key"): with
 * the new key current and the old one in {@code CONNECTOR_SECRETS_OLD_KEYS}, secrets channel-config
 * sealed under the old key still open, so webhooks keep verifying until channel-config has resealed
 * them under the new key; then they verify as before.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
@TestProfile(SecretsKeyRotationTest.WithAnOldKey.class)
class SecretsKeyRotationTest {

  static final String OLD_KEY_ID = "old-" + UUID.randomUUID().toString().substring(0, 8);
  static final String OLD_KEY = randomKey();

  /** The current key is the test run's; the old one is this class's. */
  public static class WithAnOldKey implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("switchboard.connector-secrets.old-keys", OLD_KEY_ID + ":" + OLD_KEY);
    }
  }

  @Inject SecretsCipher cipher;

  @Test
  void secretsSealedUnderTheOldKeyStillVerifyWebhooksAndSoDoTheirResealedVersion() {
    SecretsCipher oldKeyAlone = SecretsCipher.withBase64Key(OLD_KEY_ID, OLD_KEY);
    Bot bot = Bot.fresh();
    TestConnectors.register(oldKeyAlone, bot, 1);
    TestConnectors.awaitWebhookStatus(bot.connectorId(), 401);
    post(bot, bot.secret()).statusCode(200);

    // channel-config-service resealed it under the current key: version 2.
    TestConnectors.register(cipher, bot.withSecret(bot.secret() + "-2"), 2);
    Awaitility.await().until(() -> post(bot, bot.secret() + "-2").extract().statusCode() == 200);
    post(bot, bot.secret()).statusCode(401);
  }

  private static ValidatableResponse post(Bot bot, String secret) {
    long id = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    return given()
        .header("X-Telegram-Bot-Api-Secret-Token", secret)
        .contentType("application/json")
        .body(TelegramUpdatesJson.textMessage(id, id, 1, "Hola"))
        .post("/webhooks/telegram/" + bot.connectorId())
        .then();
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
