package dev.switchboard.config.connector;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.agent;
import static dev.switchboard.config.Api.botToken;
import static dev.switchboard.config.Api.json;
import static dev.switchboard.config.Api.newBotId;
import static dev.switchboard.config.Api.newChannel;
import static dev.switchboard.config.Api.supervisor;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.Topics;
import dev.switchboard.events.config.ConnectorRegistrationChanged;
import dev.switchboard.events.config.SecretsCipher;
import dev.switchboard.testkit.Infrastructure;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Connector registrations (G3): attach, list, detach, and what goes out on the topic. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class ConnectorApiTest {

  @Inject SecretsCipher cipher;

  private static String body(String botToken, String webhookSecret) {
    return "{\"type\":\"telegram\",\"botToken\":\""
        + botToken
        + "\",\"webhookSecret\":\""
        + webhookSecret
        + "\"}";
  }

  private static ExtractableResponse<Response> attach(
      String channelId, String botToken, String webhookSecret) {
    return admin()
        .body(body(botToken, webhookSecret))
        .when()
        .post("/api/v1/channels/" + channelId + "/connectors")
        .then()
        .extract();
  }

  @Test
  void aTelegramBotAttachedToAChannelAnswers201WithItsWebhookUrlAndNoSecrets() {
    String channelId = newChannel();
    String botId = newBotId();
    String token = botToken(botId);

    ExtractableResponse<Response> created =
        attach(channelId, token, "s3cret_Hook-1-webhook-secret");

    assertThat(created.statusCode(), equalTo(201));
    String id = created.path("id");
    assertThat(
        created.header("Location"),
        endsWith("/api/v1/channels/" + channelId + "/connectors/" + id));
    assertThat(created.header("ETag"), equalTo("\"1\""));
    assertThat(created.path("channelId"), equalTo(channelId));
    assertThat(created.path("type"), equalTo("telegram"));
    assertThat(created.path("accountId"), equalTo(botId));
    assertThat(
        created.path("webhookUrl"), equalTo("http://localhost:8080/webhooks/telegram/" + id));
    assertThat(created.path("version"), equalTo(1));
    assertThat(created.<String>path("createdAt"), not(nullValue()));
    String answer = created.asString();
    assertThat(answer, not(containsString(token)));
    assertThat(answer, not(containsString(token.substring(token.indexOf(':') + 1))));
    assertThat(answer, not(containsString("s3cret_Hook-1-webhook-secret")));
    assertThat(created.<Object>path("botToken"), nullValue());
    assertThat(created.<Object>path("webhookSecret"), nullValue());
  }

  @Test
  void theRegistrationGoesOutWithSecretsSealedForThatConnectorOnly() throws Exception {
    String channelId = newChannel();
    String botId = newBotId();
    String token = botToken(botId);
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CONNECTORS)) {
      String id = attach(channelId, token, "hook-secret-webhook-secret").path("id");

      ConsumerRecord<String, String> record = probe.await(r -> id.equals(r.key()));

      assertThat(record.value(), not(containsString(token)));
      assertThat(record.value(), not(containsString(token.substring(token.indexOf(':') + 1))));
      assertThat(record.value(), not(containsString("hook-secret-webhook-secret")));
      assertThat(
          TopicProbe.header(record, "ce_type"), containsString("ConnectorRegistrationChanged"));
      assertThat(
          TopicProbe.header(record, "ce_source"), equalTo("/switchboard/channel-config-service"));
      ConnectorRegistrationChanged event =
          EventJson.read(
              record.value().getBytes(StandardCharsets.UTF_8), ConnectorRegistrationChanged.class);
      assertThat(TopicProbe.header(record, "ce_id"), equalTo(event.id()));
      assertThat(event.connectorId(), equalTo(id));
      assertThat(event.channelId(), equalTo(channelId));
      assertThat(event.connectorType().wireName(), equalTo("telegram"));
      assertThat(event.accountId(), equalTo(botId));
      assertThat(event.version(), equalTo(1L));
      assertThat(event.deleted(), equalTo(false));

      byte[] opened = cipher.open(event.encryptedSecrets(), id.getBytes(StandardCharsets.UTF_8));
      JsonNode secrets = json(new String(opened, StandardCharsets.UTF_8));
      assertThat(secrets.path("botToken").asText(), equalTo(token));
      assertThat(secrets.path("webhookSecret").asText(), equalTo("hook-secret-webhook-secret"));
      byte[] otherConnector = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
      assertThrows(
          IllegalArgumentException.class,
          () -> cipher.open(event.encryptedSecrets(), otherConnector));
    }
  }

  @Test
  void theDatabaseHoldsTheSecretsOnlySealed() throws Exception {
    String token = botToken(newBotId());
    String id = attach(newChannel(), token, "stored-hook-secret").path("id");
    String url =
        "jdbc:postgresql://"
            + Infrastructure.pgHost()
            + ":"
            + Infrastructure.pgPort()
            + "/"
            + Infrastructure.pgTestDatabase();
    try (var connection =
            DriverManager.getConnection(url, Infrastructure.pgUser(), Infrastructure.pgPassword());
        var statement =
            connection.prepareStatement(
                "select row_to_json(c)::text from channel_config.connector c where id = ?::uuid")) {
      statement.setString(1, id);
      try (var row = statement.executeQuery()) {
        row.next();
        String stored = row.getString(1);
        assertThat(stored, containsString("secrets_ciphertext"));
        assertThat(stored, not(containsString(token.substring(token.indexOf(':') + 1))));
        assertThat(stored, not(containsString("stored-hook-secret")));
      }
    }
  }

  @Test
  void aBotAlreadyAttachedToAChannelIsRefusedWith409NamingThatChannel() {
    String first = newChannel();
    String botId = newBotId();
    String connectorId = attach(first, botToken(botId), "one-webhook-secret").path("id");

    String second = newChannel();
    ExtractableResponse<Response> refused = attach(second, botToken(botId), "two-webhook-secret");

    assertThat(refused.statusCode(), equalTo(409));
    assertThat(refused.contentType(), equalTo("application/problem+json"));
    assertThat(refused.path("detail"), containsString("Telegram bot " + botId));
    assertThat(refused.path("detail"), containsString("already attached to channel " + first));
    assertThat(refused.path("currentState.channelId"), equalTo(first));
    assertThat(refused.path("currentState.connectorId"), equalTo(connectorId));
    assertThat(attach(first, botToken(botId), "again-webhook-secret").statusCode(), equalTo(409));
  }

  @Test
  void aBotAttachedToSeveralChannelsAtOnceEndsUpInExactlyOne() throws Exception {
    String botId = newBotId();
    List<String> channels = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      channels.add(newChannel());
    }
    ExecutorService pool = Executors.newFixedThreadPool(channels.size());
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (String channel : channels) {
        Callable<Integer> call =
            () -> attach(channel, botToken(botId), "race-webhook-secret").statusCode();
        answers.add(pool.submit(call));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
      assertThat(statuses.stream().filter(s -> s == 201).toList(), hasSize(1));
      assertThat(statuses.stream().filter(s -> s != 201).toList(), everyItem(equalTo(409)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anIllFormedBotTokenIsRefusedNamingBotTokenWithoutRepeatingIt() {
    String channelId = newChannel();
    for (String bad :
        List.of(
            "no-colon-here-AAH4s9mYq2Qm0m2b7c8Xk1Zr6TqFv3",
            "12345:tooShortSecret",
            "abc:" + "x".repeat(40))) {
      ExtractableResponse<Response> refused = attach(channelId, bad, "fine-webhook-secret");
      assertThat(refused.statusCode(), equalTo(400));
      assertThat(refused.path("errors.field"), equalTo(List.of("botToken")));
      assertThat(refused.asString(), not(containsString(bad)));
    }
  }

  @Test
  void aMissingOrIllFormedWebhookSecretIsRefusedNamingIt() {
    String channelId = newChannel();
    admin()
        .body("{\"type\":\"telegram\",\"botToken\":\"" + botToken(newBotId()) + "\"}")
        .when()
        .post("/api/v1/channels/" + channelId + "/connectors")
        .then()
        .statusCode(400)
        .body("errors.field", equalTo(List.of("webhookSecret")));
    ExtractableResponse<Response> refused =
        attach(channelId, botToken(newBotId()), "not allowed: spaces");
    assertThat(refused.statusCode(), equalTo(400));
    assertThat(refused.path("errors.field"), equalTo(List.of("webhookSecret")));
    assertThat(refused.asString(), not(containsString("not allowed: spaces")));
    // Telegram takes a 1-character secret; so short a proof would be guessed in 64 tries.
    ExtractableResponse<Response> tooShort = attach(channelId, botToken(newBotId()), "a");
    assertThat(tooShort.statusCode(), equalTo(400));
    assertThat(tooShort.path("errors.field"), equalTo(List.of("webhookSecret")));
    assertThat(tooShort.path("errors[0].message"), containsString("16 to 256"));
  }

  @Test
  void connectorTypesOtherThanTelegramAreNotSupportedYet() {
    String channelId = newChannel();
    admin()
        .body("{\"type\":\"facebook\",\"botToken\":\"x\",\"webhookSecret\":\"y\"}")
        .when()
        .post("/api/v1/channels/" + channelId + "/connectors")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("type"))
        .body("errors[0].message", containsString("not supported yet"));
    admin()
        .body("{\"type\":\"carrier-pigeon\"}")
        .when()
        .post("/api/v1/channels/" + channelId + "/connectors")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("type"));
  }

  @Test
  void aConnectorOnAnUnknownChannelIsA404() {
    attach(UUID.randomUUID().toString(), botToken(newBotId()), "x-webhook-secret")
        .response()
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    admin()
        .when()
        .get("/api/v1/channels/" + UUID.randomUUID() + "/connectors")
        .then()
        .statusCode(404);
  }

  @Test
  void onlyAdministratorsAttachConnectorsAndSupervisorsMayReadThem() {
    String channelId = newChannel();
    String body = body(botToken(newBotId()), "x-webhook-secret");
    agent()
        .body(body)
        .when()
        .post("/api/v1/channels/" + channelId + "/connectors")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    supervisor()
        .body(body)
        .when()
        .post("/api/v1/channels/" + channelId + "/connectors")
        .then()
        .statusCode(403);
    agent().when().get("/api/v1/channels/" + channelId + "/connectors").then().statusCode(403);
    supervisor().when().get("/api/v1/channels/" + channelId + "/connectors").then().statusCode(200);
  }

  @Test
  void theConnectorsOfAChannelAreListedWithoutSecrets() {
    String channelId = newChannel();
    String token = botToken(newBotId());
    String id = attach(channelId, token, "listed-webhook-secret").path("id");
    attach(channelId, botToken(newBotId()), "listed-too-webhook-secret");

    ExtractableResponse<Response> page =
        supervisor()
            .when()
            .get("/api/v1/channels/" + channelId + "/connectors?limit=1")
            .then()
            .statusCode(200)
            .extract();
    assertThat(page.path("items"), hasSize(1));
    String cursor = page.path("nextCursor");
    ExtractableResponse<Response> rest =
        supervisor()
            .when()
            .get("/api/v1/channels/" + channelId + "/connectors?cursor=" + cursor)
            .then()
            .statusCode(200)
            .body("nextCursor", nullValue())
            .extract();
    List<String> ids = new ArrayList<>(page.path("items.id"));
    ids.addAll(rest.path("items.id"));
    assertThat(ids, hasItem(id));
    assertThat(ids, hasSize(2));
    assertThat(page.asString() + rest.asString(), not(containsString(token)));

    supervisor()
        .when()
        .get("/api/v1/channels/" + channelId + "/connectors/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("accountId", equalTo(token.substring(0, token.indexOf(':'))));
  }

  @Test
  void detachingAConnectorAnnouncesItDeletedAndFreesTheBotForAnotherChannel() throws Exception {
    String channelId = newChannel();
    String botId = newBotId();
    String id = attach(channelId, botToken(botId), "detach-me-webhook-secret").path("id");
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CONNECTORS)) {
      admin()
          .header("If-Match", "\"1\"")
          .when()
          .delete("/api/v1/channels/" + channelId + "/connectors/" + id)
          .then()
          .statusCode(204);

      // The attachment (version 1) may reach the topic after the probe opened: wait for version 2.
      ConsumerRecord<String, String> record =
          probe.await(r -> id.equals(r.key()) && json(r.value()).path("version").asLong() == 2);
      JsonNode event = json(record.value());
      assertThat(event.path("deleted").asBoolean(), equalTo(true));
      assertThat(event.path("version").asLong(), equalTo(2L));
      assertThat(event.path("accountId").asText(), equalTo(botId));
      assertThat(event.has("encryptedSecrets"), equalTo(false));
    }
    admin()
        .when()
        .get("/api/v1/channels/" + channelId + "/connectors/" + id)
        .then()
        .statusCode(404);
    admin()
        .when()
        .delete("/api/v1/channels/" + channelId + "/connectors/" + id)
        .then()
        .statusCode(404);
    assertThat(
        attach(newChannel(), botToken(botId), "reattached-webhook-secret").statusCode(),
        equalTo(201));
  }

  @Test
  void aStaleIfMatchDoesNotDetachAndAnswers412() {
    String channelId = newChannel();
    String id = attach(channelId, botToken(newBotId()), "kept-webhook-secret").path("id");
    admin()
        .header("If-Match", "\"7\"")
        .when()
        .delete("/api/v1/channels/" + channelId + "/connectors/" + id)
        .then()
        .statusCode(412)
        .header("ETag", "\"1\"")
        .body("currentState.version", equalTo(1));
    admin()
        .when()
        .delete("/api/v1/channels/" + newChannel() + "/connectors/" + id)
        .then()
        .statusCode(404);
    admin()
        .when()
        .get("/api/v1/channels/" + channelId + "/connectors/" + id)
        .then()
        .statusCode(200);
  }
}
