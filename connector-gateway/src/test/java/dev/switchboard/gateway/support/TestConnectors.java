package dev.switchboard.gateway.support;

import static io.restassured.RestAssured.given;

import dev.switchboard.events.PlatformEvent;
import dev.switchboard.events.Topics;
import dev.switchboard.events.common.ConnectorType;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.config.SecretsCipher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/**
 * Telegram connectors registered as channel-config-service would: a {@code
 * ConnectorRegistrationChanged} on {@code oc.config.connectors.v1}, its secrets sealed with the
 * application's own {@link SecretsCipher}.
 */
public final class TestConnectors {

  private TestConnectors() {}

  /** A fresh Telegram bot: ids, token and secret never used before. */
  public record Bot(
      String connectorId, String channelId, String accountId, String botToken, String secret) {

    public static Bot fresh() {
      String accountId =
          Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
      return new Bot(
          UUID.randomUUID().toString(),
          UUID.randomUUID().toString(),
          accountId,
          accountId + ":AA" + UUID.randomUUID().toString().replace("-", ""),
          "s3cret-" + UUID.randomUUID());
    }

    public Bot withSecret(String otherSecret) {
      return new Bot(connectorId, channelId, accountId, botToken, otherSecret);
    }
  }

  public static void register(SecretsCipher cipher, Bot bot, long version) {
    TestEvents.publish(changed(cipher, bot, version));
  }

  /** The registration of {@code bot} at {@code version}, as channel-config-service publishes it. */
  public static ConnectorRegistrationChanged changed(SecretsCipher cipher, Bot bot, long version) {
    String secrets =
        "{\"botToken\":\"" + bot.botToken() + "\",\"webhookSecret\":\"" + bot.secret() + "\"}";
    return new ConnectorRegistrationChanged(
        PlatformEvent.newId(),
        bot.connectorId(),
        bot.channelId(),
        ConnectorType.TELEGRAM,
        bot.accountId(),
        version,
        false,
        cipher.seal(
            secrets.getBytes(StandardCharsets.UTF_8),
            bot.connectorId().getBytes(StandardCharsets.UTF_8)),
        Instant.now());
  }

  public static void delete(Bot bot, long version) {
    TestEvents.publish(
        new ConnectorRegistrationChanged(
            PlatformEvent.newId(),
            bot.connectorId(),
            bot.channelId(),
            ConnectorType.TELEGRAM,
            bot.accountId(),
            version,
            true,
            null,
            Instant.now()));
  }

  /**
   * A fresh bot whose registration lands on the same partition of {@code oc.config.connectors.v1}
   * as {@code bot}'s (Kafka's default partitioner), so the gateway reads the two in order.
   */
  public static Bot onSamePartition(Bot bot) {
    int partitions = Topics.COMPACTED_TOPIC_PARTITIONS;
    int target = partition(bot.connectorId(), partitions);
    while (true) {
      Bot candidate = Bot.fresh();
      if (partition(candidate.connectorId(), partitions) == target) {
        return candidate;
      }
    }
  }

  private static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** Registers the bot and waits until the gateway knows it (its webhook refuses a bad secret). */
  public static Bot registered(SecretsCipher cipher) {
    Bot bot = Bot.fresh();
    register(cipher, bot, 1);
    awaitWebhookStatus(bot.connectorId(), 401);
    return bot;
  }

  /** Waits until the webhook answers an update with a wrong secret with {@code status}. */
  public static void awaitWebhookStatus(String connectorId, int status) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                given()
                        .header("X-Telegram-Bot-Api-Secret-Token", "not-the-secret")
                        .contentType("application/json")
                        .body(TelegramUpdatesJson.textMessage(1, 1, 1, "probe"))
                        .post("/webhooks/telegram/" + connectorId)
                        .statusCode()
                    == status);
  }
}
