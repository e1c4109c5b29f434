package dev.switchboard.config.channel;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.agent;
import static dev.switchboard.config.Api.botToken;
import static dev.switchboard.config.Api.database;
import static dev.switchboard.config.Api.json;
import static dev.switchboard.config.Api.newBotId;
import static dev.switchboard.config.Api.newChannel;
import static dev.switchboard.config.Api.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Topics;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** O5: deleting a channel, what goes out on the topics, and who may do it. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class ChannelDeletionTest {

  private static String attachBot(String channelId, String botId) {
    return admin()
        .body(
            "{\"type\":\"telegram\",\"botToken\":\""
                + botToken(botId)
                + "\",\"webhookSecret\":\"hook-webhook-secret\"}")
        .when()
        .post("/api/v1/channels/" + channelId + "/connectors")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** The id just before {@code id}: a cursor whose next page starts at {@code id} if listed. */
  private static String cursorBefore(String id) {
    UUID uuid = UUID.fromString(id);
    long lsb = uuid.getLeastSignificantBits();
    long msb = uuid.getMostSignificantBits();
    return (lsb == 0 ? new UUID(msb - 1, -1L) : new UUID(msb, lsb - 1)).toString();
  }

  @Test
  void aDeletedChannelIsGoneFromGetAndListAndAnnouncedDeletedWithItsConnectorsDetached()
      throws Exception {
    String channelId = newChannel();
    String botId = newBotId();
    String connectorId = attachBot(channelId, botId);
    try (TopicProbe channelsTopic = TopicProbe.open(Topics.CONFIG_CHANNELS);
        TopicProbe connectorsTopic = TopicProbe.open(Topics.CONFIG_CONNECTORS)) {

      admin().when().delete("/api/v1/channels/" + channelId).then().statusCode(204);

      ConsumerRecord<String, String> channelRecord =
          channelsTopic.await(r -> channelId.equals(r.key()));
      JsonNode channelEvent = json(channelRecord.value());
      assertThat(channelEvent.path("deleted").asBoolean(), equalTo(true));
      assertThat(channelEvent.path("version").asLong(), equalTo(2L));
      assertThat(
          channelEvent.path("settings").isMissingNode() || channelEvent.path("settings").isNull(),
          equalTo(true));
      ConsumerRecord<String, String> connectorRecord =
          connectorsTopic.await(r -> connectorId.equals(r.key()));
      JsonNode connectorEvent = json(connectorRecord.value());
      assertThat(connectorEvent.path("deleted").asBoolean(), equalTo(true));
      assertThat(connectorEvent.path("channelId").asText(), equalTo(channelId));
      assertThat(connectorEvent.path("version").asLong(), equalTo(2L));
      assertThat(connectorRecord.value(), not(containsString("ciphertext")));
    }

    admin().when().get("/api/v1/channels/" + channelId).then().statusCode(404);
    List<String> listed =
        admin()
            .queryParam("limit", 1)
            .queryParam("cursor", cursorBefore(channelId))
            .when()
            .get("/api/v1/channels")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", String.class);
    assertThat(listed.contains(channelId), equalTo(false));
    admin()
        .when()
        .get("/api/v1/channels/" + channelId + "/connectors/" + connectorId)
        .then()
        .statusCode(404);
    admin().body("{}").when().put("/api/v1/channels/" + channelId).then().statusCode(404);
    admin().when().delete("/api/v1/channels/" + channelId).then().statusCode(404);
  }

  @Test
  void theRowStaysForHistoryAndTheBotMayBeAttachedToAnotherChannel() throws Exception {
    String channelId = newChannel();
    String botId = newBotId();
    attachBot(channelId, botId);

    admin().when().delete("/api/v1/channels/" + channelId).then().statusCode(204);

    try (var connection = database();
        var statement =
            connection.prepareStatement(
                "select name, deleted_at from channel_config.channel where id = ?::uuid")) {
      statement.setString(1, channelId);
      try (var row = statement.executeQuery()) {
        assertThat(row.next(), equalTo(true));
        assertThat(row.getString("name"), notNullValue());
        assertThat(row.getTimestamp("deleted_at"), notNullValue());
      }
    }
    String otherChannel = newChannel();
    attachBot(otherChannel, botId);
  }

  @Test
  void aConnectorAttachedWhileItsChannelIsDeletedIsRefusedOrDetachedToo() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        String channelId = newChannel();
        String botId = newBotId();
        var attach =
            pool.submit(
                () ->
                    admin()
                        .body(
                            "{\"type\":\"telegram\",\"botToken\":\""
                                + botToken(botId)
                                + "\",\"webhookSecret\":\"hook-webhook-secret\"}")
                        .when()
                        .post("/api/v1/channels/" + channelId + "/connectors")
                        .then()
                        .extract()
                        .statusCode());
        var delete =
            pool.submit(
                () ->
                    admin()
                        .when()
                        .delete("/api/v1/channels/" + channelId)
                        .then()
                        .extract()
                        .statusCode());

        assertThat(delete.get(), equalTo(204));
        assertThat(List.of(201, 404).contains(attach.get()), equalTo(true));
        try (var connection = database();
            var statement =
                connection.prepareStatement(
                    "select count(*) from channel_config.connector"
                        + " where channel_id = ?::uuid and deleted_at is null")) {
          statement.setString(1, channelId);
          try (var row = statement.executeQuery()) {
            row.next();
            assertThat(
                "connectors left attached to a deleted channel", row.getLong(1), equalTo(0L));
          }
        }
        attachBot(newChannel(), botId);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStaleIfMatchIsA412AndTheChannelStays() {
    String channelId = newChannel();
    admin()
        .body("{\"name\":\"Renamed\"}")
        .when()
        .put("/api/v1/channels/" + channelId)
        .then()
        .statusCode(200);

    admin()
        .header("If-Match", "\"1\"")
        .when()
        .delete("/api/v1/channels/" + channelId)
        .then()
        .statusCode(412)
        .header("ETag", "\"2\"")
        .body("currentState.version", equalTo(2));
    admin().when().get("/api/v1/channels/" + channelId).then().statusCode(200);

    admin()
        .header("If-Match", "\"2\"")
        .when()
        .delete("/api/v1/channels/" + channelId)
        .then()
        .statusCode(204);
    admin().when().get("/api/v1/channels/" + channelId).then().statusCode(404);
  }

  @Test
  void anUnknownChannelIs404() {
    admin().when().delete("/api/v1/channels/" + UUID.randomUUID()).then().statusCode(404);
    admin().when().delete("/api/v1/channels/not-a-uuid").then().statusCode(404);
  }

  @Test
  void onlyAnAdministratorDeletesAChannel() {
    String channelId = newChannel();
    supervisor().when().delete("/api/v1/channels/" + channelId).then().statusCode(403);
    agent().when().delete("/api/v1/channels/" + channelId).then().statusCode(403);
    given().when().delete("/api/v1/channels/" + channelId).then().statusCode(401);
    admin().when().get("/api/v1/channels/" + channelId).then().statusCode(200);
  }
}
