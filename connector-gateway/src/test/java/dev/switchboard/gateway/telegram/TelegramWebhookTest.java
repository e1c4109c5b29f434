package dev.switchboard.gateway.telegram;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Topics;
import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.gateway.connector.domain.ConnectorRegistration;
import dev.switchboard.gateway.connector.store.ConnectorRegistrationStore;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.RawHttp;
import dev.switchboard.gateway.support.TelegramStub;
import dev.switchboard.gateway.support.TelegramUpdatesJson;
import dev.switchboard.gateway.support.TestConnectors;
import dev.switchboard.gateway.support.TestConnectors.Bot;
import dev.switchboard.gateway.support.TestEvents;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class TelegramWebhookTest {

  private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  @Inject SecretsCipher cipher;
  @Inject ConnectorRegistrationStore registrations;

  @TestHTTPResource("/")
  URL gateway;

  TelegramStub telegram;

  @BeforeEach
  void startTelegram() {
    telegram = TelegramStub.start();
  }

  @AfterAll
  static void stopTelegram() {
    TelegramStub.stop();
  }

  @Test
  void aTextMessageIsPublishedAsInboundMessageReceivedKeyedByTheChat() {
    Bot bot = TestConnectors.registered(cipher);
    long chatId = chatId();
    long updateId = updateId();
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      post(bot, bot.secret(), TelegramUpdatesJson.textMessage(updateId, chatId, 1365, "Hola"))
          .statusCode(200)
          .body("ok", equalTo(true));

      String key = "telegram:" + bot.accountId() + ":" + chatId;
      ConsumerRecord<String, String> record = inbound.await(r -> key.equals(r.key()));
      String expectedId =
          UUID.nameUUIDFromBytes(
                  (bot.connectorId() + ":" + updateId).getBytes(StandardCharsets.UTF_8))
              .toString();
      assertThat(TopicProbe.header(record, "ce_id"), equalTo(expectedId));
      assertThat(
          TopicProbe.header(record, "ce_type"),
          equalTo("dev.switchboard.inbound.InboundMessageReceived.v1"));
      assertThat(TopicProbe.header(record, "ce_source"), equalTo("/switchboard/connector-gateway"));
      JsonNode event = TestEvents.json(record.value());
      assertThat(event.path("id").asText(), equalTo(expectedId));
      assertThat(event.path("connectorType").asText(), equalTo("telegram"));
      assertThat(event.path("connectorId").asText(), equalTo(bot.connectorId()));
      assertThat(event.path("accountId").asText(), equalTo(bot.accountId()));
      assertThat(event.path("externalChatId").asText(), equalTo(Long.toString(chatId)));
      assertThat(event.path("externalMessageId").asText(), equalTo("1365"));
      assertThat(event.path("text").asText(), equalTo("Hola"));
      assertThat(event.path("sentAt").asText(), equalTo("2025-11-25T10:15:30Z"));
      assertThat(event.path("occurredAt").asText(), startsWith("20"));
      JsonNode client = event.path("client");
      assertThat(client.path("externalUserId").asText(), equalTo(Long.toString(chatId)));
      assertThat(client.path("displayName").asText(), equalTo("María García"));
      assertThat(client.path("firstName").asText(), equalTo("María"));
      assertThat(client.path("lastName").asText(), equalTo("García"));
      assertThat(client.path("username").asText(), equalTo("mgarcia"));
      assertThat(client.path("locale").asText(), equalTo("es"));
    }
  }

  @Test
  void telegramRetryingTheSameUpdateGivesTheSameEventId() {
    Bot bot = TestConnectors.registered(cipher);
    long chatId = chatId();
    String update = TelegramUpdatesJson.textMessage(updateId(), chatId, 12, "¿Hay alguien?");
    String key = "telegram:" + bot.accountId() + ":" + chatId;
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      post(bot, bot.secret(), update).statusCode(200);
      post(bot, bot.secret(), update).statusCode(200);

      Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> inbound.records().stream().filter(r -> key.equals(r.key())).count() >= 2);
      List<String> ids =
          inbound.records().stream()
              .filter(r -> key.equals(r.key()))
              .map(r -> TopicProbe.header(r, "ce_id"))
              .distinct()
              .toList();
      assertThat(ids, hasSize(1));
    }
  }

  @Test
  void aPressedButtonIsPublishedWithItsValueAndLabelAndItsCallbackIsAnsweredOnce() {
    Bot bot = TestConnectors.registered(cipher);
    long chatId = chatId();
    long updateId = updateId();
    String key = "telegram:" + bot.accountId() + ":" + chatId;
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      post(
              bot,
              bot.secret(),
              TelegramUpdatesJson.callbackQuery(updateId, chatId, "8830cb7702", "rating:4"))
          .statusCode(200)
          .body("ok", equalTo(true));

      JsonNode event = TestEvents.json(inbound.await(r -> key.equals(r.key())).value());
      assertThat(event.path("buttonValue").asText(), equalTo("rating:4"));
      assertThat(event.path("text").asText(), equalTo("4 ★"));
      assertThat(event.path("externalMessageId").asText(), equalTo("cb:8830cb7702"));
      assertThat(event.path("externalChatId").asText(), equalTo(Long.toString(chatId)));
      assertThat(
          event.path("client").path("externalUserId").asText(), equalTo(Long.toString(chatId)));
      assertThat(
          event.path("id").asText(),
          equalTo(
              UUID.nameUUIDFromBytes(
                      (bot.connectorId() + ":" + updateId).getBytes(StandardCharsets.UTF_8))
                  .toString()));
    }
    List<TelegramStub.Call> answers =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> telegram.calls(bot.botToken(), "answerCallbackQuery"),
                calls -> !calls.isEmpty());
    assertThat(answers.get(0).json().path("callback_query_id").asText(), equalTo("8830cb7702"));
    // Nothing else is sent for a press: no message to the client, no second answer.
    Awaitility.await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> telegram.calls(bot.botToken()), hasSize(1));
  }

  @Test
  void telegramRetryingTheSameButtonPressGivesOneMessage() {
    Bot bot = TestConnectors.registered(cipher);
    long chatId = chatId();
    String update = TelegramUpdatesJson.callbackQuery(updateId(), chatId, "cb-retried", "rating:2");
    String key = "telegram:" + bot.accountId() + ":" + chatId;
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      post(bot, bot.secret(), update).statusCode(200);
      post(bot, bot.secret(), update).statusCode(200);

      Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> inbound.records().stream().filter(r -> key.equals(r.key())).count() >= 2);
      // The same event id and the same (connectorId, externalMessageId): session-service keeps one.
      List<String> messages =
          inbound.records().stream()
              .filter(r -> key.equals(r.key()))
              .map(
                  r ->
                      TopicProbe.header(r, "ce_id")
                          + " "
                          + TestEvents.json(r.value()).path("externalMessageId").asText())
              .distinct()
              .toList();
      assertThat(messages, hasSize(1));
      assertThat(messages.get(0), endsWith(" cb:cb-retried"));
    }
  }

  @Test
  void aButtonOfInlineModeIsAnsweredOkAndIgnoredAndAMalformedPressIs400() {
    Bot bot = TestConnectors.registered(cipher);
    long chatId = chatId();
    String key = "telegram:" + bot.accountId() + ":" + chatId;
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      post(bot, bot.secret(), TelegramUpdatesJson.inlineModeCallbackQuery(updateId(), chatId))
          .statusCode(200)
          .body("ok", equalTo(true));
      post(
              bot,
              bot.secret(),
              TelegramUpdatesJson.callbackQuery(updateId(), chatId)
                  .replace("\"data\":\"rating:5\"", "\"data\":{\"rating\":5}"))
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("callback_query.data"));
      post(bot, bot.secret(), TelegramUpdatesJson.textMessage(updateId(), chatId, 8, "after"))
          .statusCode(200);

      assertThat(textsPublished(inbound, key), equalTo(List.of("after")));
    }
    assertThat(telegram.calls(bot.botToken()), empty());
  }

  @Test
  void aWrongOrMissingSecretIsRefusedWith401AndNothingIsPublished() {
    Bot bot = TestConnectors.registered(cipher);
    long chatId = chatId();
    long rejected = updateId();
    String key = "telegram:" + bot.accountId() + ":" + chatId;
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      post(bot, "wrong-" + bot.secret(), TelegramUpdatesJson.textMessage(rejected, chatId, 1, "x"))
          .statusCode(401)
          .contentType("application/problem+json")
          .body("status", equalTo(401));
      given()
          .contentType("application/json")
          .body(TelegramUpdatesJson.textMessage(rejected, chatId, 1, "x"))
          .post("/webhooks/telegram/" + bot.connectorId())
          .then()
          .statusCode(401);

      // A good update of the same chat comes after any record of the rejected ones on its
      // partition.
      post(bot, bot.secret(), TelegramUpdatesJson.textMessage(updateId(), chatId, 2, "ok"))
          .statusCode(200);
      inbound.await(r -> key.equals(r.key()));
      String rejectedId =
          UUID.nameUUIDFromBytes(
                  (bot.connectorId() + ":" + rejected).getBytes(StandardCharsets.UTF_8))
              .toString();
      assertThat(
          inbound.records().stream()
              .filter(r -> rejectedId.equals(TopicProbe.header(r, "ce_id")))
              .toList(),
          empty());
    }
  }

  @Test
  void anUnknownConnectorIs404() {
    given()
        .header(SECRET_HEADER, "whatever")
        .contentType("application/json")
        .body(TelegramUpdatesJson.textMessage(updateId(), chatId(), 1, "hi"))
        .post("/webhooks/telegram/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void aDeletedConnectorIs410AndNothingIsPublished() {
    Bot bot = TestConnectors.registered(cipher);
    TestConnectors.delete(bot, 2);
    TestConnectors.awaitWebhookStatus(bot.connectorId(), 410);

    long updateId = updateId();
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      post(bot, bot.secret(), TelegramUpdatesJson.textMessage(updateId, chatId(), 1, "hi"))
          .statusCode(410)
          .contentType("application/problem+json")
          .body("status", equalTo(410));
      String id =
          UUID.nameUUIDFromBytes(
                  (bot.connectorId() + ":" + updateId).getBytes(StandardCharsets.UTF_8))
              .toString();
      assertThat(
          inbound.records().stream().filter(r -> id.equals(TopicProbe.header(r, "ce_id"))).toList(),
          empty());
    }
  }

  @Test
  void aDeletedConnectorStaysGoneInTheLocalCopyWhenItsOlderRegistrationIsReadAgain() {
    Bot bot = TestConnectors.registered(cipher);
    TestConnectors.delete(bot, 2);
    TestConnectors.awaitWebhookStatus(bot.connectorId(), 410);

    // The topic read again (a restart, a redelivery) gives the older, live registration.
    TestConnectors.register(cipher, bot, 1);
    // A bot registered after it on the same partition: once it is known, version 1 was read.
    Bot later = TestConnectors.onSamePartition(bot);
    TestConnectors.register(cipher, later, 1);
    TestConnectors.awaitWebhookStatus(later.connectorId(), 401);

    post(bot, bot.secret(), TelegramUpdatesJson.textMessage(updateId(), chatId(), 1, "hi"))
        .statusCode(410);
    // The tombstone is in PostgreSQL, which a restarted instance answers from at once.
    ConnectorRegistration stored =
        registrations.find(bot.connectorId()).await().indefinitely().orElseThrow();
    assertThat(stored.deleted(), equalTo(true));
    assertThat(stored.version(), equalTo(2L));
    assertThat(stored.secrets(), equalTo(null));
  }

  @Test
  void anOlderVersionOfARegistrationDoesNotReplaceANewerOne() {
    Bot bot = Bot.fresh();
    TestConnectors.register(cipher, bot, 5);
    TestConnectors.awaitWebhookStatus(bot.connectorId(), 401);

    Bot stale = bot.withSecret("stale-" + bot.secret());
    TestConnectors.register(cipher, stale, 4);
    // A connector on the same partition, published after the stale record: once the gateway knows
    // it, it has read the stale record too.
    Bot sentinel = TestConnectors.onSamePartition(bot);
    TestConnectors.register(cipher, sentinel, 1);
    TestConnectors.awaitWebhookStatus(sentinel.connectorId(), 401);

    post(stale, stale.secret(), TelegramUpdatesJson.photo(updateId(), chatId())).statusCode(401);
    post(bot, bot.secret(), TelegramUpdatesJson.photo(updateId(), chatId())).statusCode(200);
  }

  @Test
  void aRotatedSecretIsHonouredAsSoonAsItsRegistrationIsRead() {
    Bot bot = TestConnectors.registered(cipher);
    post(bot, bot.secret(), TelegramUpdatesJson.photo(updateId(), chatId())).statusCode(200);

    Bot rotated = bot.withSecret("rotated-" + bot.secret());
    TestConnectors.register(cipher, rotated, 2);
    // Published after the rotation on the same partition: once it is known, so is version 2.
    Bot sentinel = TestConnectors.onSamePartition(bot);
    TestConnectors.register(cipher, sentinel, 1);
    TestConnectors.awaitWebhookStatus(sentinel.connectorId(), 401);

    post(rotated, rotated.secret(), TelegramUpdatesJson.photo(updateId(), chatId()))
        .statusCode(200);
    post(bot, bot.secret(), TelegramUpdatesJson.photo(updateId(), chatId())).statusCode(401);
  }

  @Test
  void aRotationAnotherInstanceStoredFirstIsHonouredToo() {
    Bot bot = TestConnectors.registered(cipher);
    post(bot, bot.secret(), TelegramUpdatesJson.photo(updateId(), chatId())).statusCode(200);

    // Another gateway instance, sharing the schema, stored version 2 before this one read it: this
    // instance's own store of version 2 then changes nothing in PostgreSQL.
    Bot rotated = bot.withSecret("rotated-" + bot.secret());
    registrations.keepIfNewer(TestConnectors.changed(cipher, rotated, 2)).await().indefinitely();
    TestConnectors.register(cipher, rotated, 2);
    Bot sentinel = TestConnectors.onSamePartition(bot);
    TestConnectors.register(cipher, sentinel, 1);
    TestConnectors.awaitWebhookStatus(sentinel.connectorId(), 401);

    post(rotated, rotated.secret(), TelegramUpdatesJson.photo(updateId(), chatId()))
        .statusCode(200);
    post(bot, bot.secret(), TelegramUpdatesJson.photo(updateId(), chatId())).statusCode(401);
  }

  @Test
  void aRegistrationOnlyInPostgresqlIsFound() {
    // Stored by another path (another instance, before this one read the topic): not in memory.
    Bot bot = Bot.fresh();
    registrations.keepIfNewer(TestConnectors.changed(cipher, bot, 1)).await().indefinitely();

    post(bot, bot.secret(), TelegramUpdatesJson.photo(updateId(), chatId())).statusCode(200);
    post(bot, "wrong-" + bot.secret(), TelegramUpdatesJson.photo(updateId(), chatId()))
        .statusCode(401);
  }

  @Test
  void malformedJsonIs400ProblemJson() {
    Bot bot = TestConnectors.registered(cipher);
    post(bot, bot.secret(), "{\"update_id\": 1, \"message\": {")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("title", equalTo("Malformed JSON"));
  }

  @Test
  void jsonThatIsNotAnUpdateIs400NamingTheField() {
    Bot bot = TestConnectors.registered(cipher);
    post(bot, bot.secret(), "{\"message\": {}}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("update_id"));
  }

  @Test
  void anUpdateWithoutTextIsAnsweredOkAndIgnored() {
    Bot bot = TestConnectors.registered(cipher);
    long chatId = chatId();
    String key = "telegram:" + bot.accountId() + ":" + chatId;
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      post(bot, bot.secret(), TelegramUpdatesJson.photo(updateId(), chatId))
          .statusCode(200)
          .body("ok", equalTo(true));
      post(bot, bot.secret(), TelegramUpdatesJson.textMessage(updateId(), chatId, 8, "after"))
          .statusCode(200);

      assertThat(textsPublished(inbound, key), equalTo(List.of("after")));
    }
  }

  @Test
  void anUpdateAnnouncedOverTheLimitIs413ProblemJsonBeforeItsBodyIsSent() {
    Bot bot = TestConnectors.registered(cipher);

    // A ~1 MB text: Telegram never sends one (4096 characters at most), Kafka would refuse it.
    RawHttp.Answer answer =
        RawHttp.headersOnly(
            gateway,
            "POST /webhooks/telegram/"
                + bot.connectorId()
                + " HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + SECRET_HEADER
                + ": "
                + bot.secret()
                + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: 1100000\r\n");

    assertThat(answer.status(), equalTo(413));
    assertThat(answer.header("Content-Type"), equalTo("application/problem+json"));
    assertThat(answer.body(), containsString("262144 bytes at most"));
  }

  @Test
  void aChunkedUpdateOverTheLimitIs413ProblemJsonAndNothingIsPublished() throws Exception {
    Bot bot = TestConnectors.registered(cipher);
    long chatId = chatId();
    String key = "telegram:" + bot.accountId() + ":" + chatId;
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      for (int kib : List.of(300, 1024)) {
        HttpResponse<String> answer =
            postChunked(
                bot,
                TelegramUpdatesJson.textMessage(updateId(), chatId, 1, "x".repeat(kib * 1024)));
        assertThat(kib + " KiB", answer.statusCode(), equalTo(413));
        assertThat(
            answer.headers().firstValue("Content-Type").orElse(null),
            equalTo("application/problem+json"));
      }

      post(bot, bot.secret(), TelegramUpdatesJson.textMessage(updateId(), chatId, 2, "small"))
          .statusCode(200);
      assertThat(textsPublished(inbound, key), equalTo(List.of("small")));
    }
  }

  @Test
  void aBlankIdIs400NamingTheField() {
    Bot bot = TestConnectors.registered(cipher);
    post(
            bot,
            bot.secret(),
            "{\"update_id\":1,\"message\":{\"message_id\":2,\"chat\":{\"id\":\"\"},\"text\":\"hi\"}}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("message.chat.id"));
    post(
            bot,
            bot.secret(),
            "{\"update_id\":1,\"message\":{\"message_id\":2,\"chat\":{\"id\":5},"
                + "\"from\":{\"id\":\" \"},\"text\":\"hi\"}}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("message.from.id"));
  }

  @Test
  void aNulCharacterInTheTextIsPublishedAsAReplacementCharacterNotLost() {
    Bot bot = TestConnectors.registered(cipher);
    long chatId = chatId();
    String key = "telegram:" + bot.accountId() + ":" + chatId;
    try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_MESSAGES)) {
      post(bot, bot.secret(), TelegramUpdatesJson.textMessage(updateId(), chatId, 3, "a\\u0000b"))
          .statusCode(200);

      ConsumerRecord<String, String> record = inbound.await(r -> key.equals(r.key()));
      assertThat(TestEvents.json(record.value()).path("text").asText(), equalTo("a\uFFFDb"));
    }
  }

  @Test
  void aConnectorWithASecretShorterThan16CharactersAcceptsNoWebhook() {
    Bot bot = TestConnectors.Bot.fresh().withSecret("a");
    TestConnectors.register(cipher, bot, 1);
    TestConnectors.awaitWebhookStatus(bot.connectorId(), 401);

    post(bot, "a", TelegramUpdatesJson.textMessage(updateId(), chatId(), 1, "guessed"))
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void aNulCharacterInThePathIs400ProblemJson() {
    given()
        .urlEncodingEnabled(false)
        .header(SECRET_HEADER, "whatever")
        .contentType("application/json")
        .body("{}")
        .post("/webhooks/telegram/%00")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("(path)"));
  }

  /** The texts published for {@code key}, once the first is in. */
  private static List<String> textsPublished(TopicProbe inbound, String key) {
    inbound.await(r -> key.equals(r.key()));
    return inbound.records().stream()
        .filter(r -> key.equals(r.key()))
        .map(r -> TestEvents.json(r.value()).path("text").asText())
        .toList();
  }

  private HttpResponse<String> postChunked(Bot bot, String update) throws Exception {
    byte[] bytes = update.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(gateway.toURI().resolve("/webhooks/telegram/" + bot.connectorId()))
            .header(SECRET_HEADER, bot.secret())
            .header("Content-Type", "application/json")
            // No length known in advance: sent chunked, so it is read before it is measured.
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .timeout(Duration.ofSeconds(20))
            .build();
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static ValidatableResponse post(Bot bot, String secret, String update) {
    return given()
        .header(SECRET_HEADER, secret)
        .contentType("application/json")
        .body(update)
        .post("/webhooks/telegram/" + bot.connectorId())
        .then();
  }

  private static long chatId() {
    return ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
  }

  private static long updateId() {
    return ThreadLocalRandom.current().nextLong(1L, 1_000_000_000L);
  }
}
