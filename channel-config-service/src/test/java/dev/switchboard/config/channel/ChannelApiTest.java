package dev.switchboard.config.channel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.events.Topics;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Creating and reading open channels, and their announcement on oc.config.channels.v1. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class ChannelApiTest {

  private static RequestSpecification admin() {
    return given()
        .header("Authorization", "Bearer " + TestTokens.token("admin1", "admin"))
        .contentType("application/json");
  }

  @Test
  void aChannelCreatedWithAnEmptyBodyGetsAGeneratedNameAndIsActive() {
    ExtractableResponse<Response> created =
        admin()
            .body("{}")
            .when()
            .post("/api/v1/channels")
            .then()
            .statusCode(201)
            .header("ETag", "\"1\"")
            .body("name", matchesPattern("Open channel \\d+"))
            .body("active", equalTo(true))
            .body("version", equalTo(1))
            .extract();
    String id = created.path("id");
    assertThat(created.header("Location"), endsWith("/api/v1/channels/" + id));

    admin()
        .when()
        .get("/api/v1/channels/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("id", equalTo(id))
        .body("name", equalTo(created.path("name")));
  }

  @Test
  void aNewChannelIsAnnouncedOnTheCompactedConfigTopicWithCloudEventsHeaders() throws Exception {
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CHANNELS)) {
      String id =
          admin()
              .body("{\"name\":\"Support desk\"}")
              .when()
              .post("/api/v1/channels")
              .then()
              .statusCode(201)
              .extract()
              .path("id");

      ConsumerRecord<String, String> record = probe.await(r -> id.equals(r.key()));
      JsonNode event = new ObjectMapper().readTree(record.value());
      assertThat(event.path("channelId").asText(), equalTo(id));
      assertThat(event.path("version").asLong(), equalTo(1L));
      assertThat(event.path("settings").path("name").asText(), equalTo("Support desk"));
      assertThat(TopicProbe.header(record, "ce_specversion"), equalTo("1.0"));
      assertThat(TopicProbe.header(record, "ce_id"), equalTo(event.path("id").asText()));
      assertThat(TopicProbe.header(record, "ce_type"), containsString("ChannelConfigChanged"));
      assertThat(TopicProbe.header(record, "ce_source"), notNullValue());
    }
  }

  @Test
  void channelsArePagedWithAStableCursor() {
    for (int i = 0; i < 3; i++) {
      admin().body("{}").when().post("/api/v1/channels").then().statusCode(201);
    }
    ExtractableResponse<Response> first =
        admin()
            .when()
            .get("/api/v1/channels?limit=2")
            .then()
            .statusCode(200)
            .body("items.size()", equalTo(2))
            .extract();
    String cursor = first.path("nextCursor");
    assertThat(cursor, notNullValue());
    String secondPageFirst =
        admin()
            .when()
            .get("/api/v1/channels?limit=2&cursor=" + cursor)
            .then()
            .statusCode(200)
            .extract()
            .path("items[0].id");
    assertThat(
        first.<java.util.List<String>>path("items.id"),
        org.hamcrest.Matchers.not(hasItem(secondPageFirst)));
  }

  @Test
  void aBlankNameIsRefusedNamingTheField() {
    admin()
        .body("{\"name\":\"   \"}")
        .when()
        .post("/api/v1/channels")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("name"));
  }

  @Test
  void anUnknownFieldIsRefusedNotIgnored() {
    admin()
        .body("{\"nmae\":\"typo\"}")
        .when()
        .post("/api/v1/channels")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("nmae"));
  }

  @Test
  void malformedJsonIsA400NotA500() {
    admin()
        .body("{\"name\":")
        .when()
        .post("/api/v1/channels")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("title", equalTo("Malformed JSON"));
  }

  @Test
  void anUnknownChannelIsA404() {
    admin()
        .when()
        .get("/api/v1/channels/" + java.util.UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    admin().when().get("/api/v1/channels/not-a-uuid").then().statusCode(404);
  }

  @Test
  void anOutOfRangeLimitIsA400() {
    admin()
        .when()
        .get("/api/v1/channels?limit=501")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
  }

  @Test
  void aNulCharacterInAStringOrThePathIsA400NamingWhereNotA500() {
    admin()
        .body("{\"name\":\"Soporte\\u0000\"}")
        .when()
        .post("/api/v1/channels")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("name"))
        .body("errors[0].message", containsString("NUL"));
    String channelId = dev.switchboard.config.Api.newChannel();
    admin()
        .body(
            "{\"members\":[{\"type\":\"USER\",\"id\":\"agent1\"},"
                + "{\"type\":\"USER\",\"id\":\"bob\\u0000\"}],\"distributionMode\":\"EVENLY\"}")
        .when()
        .put("/api/v1/channels/" + channelId + "/queue")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("members[1].id"));
    admin()
        .urlEncodingEnabled(false)
        .when()
        .get("/api/v1/channels/%00")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("(path)"));
  }
}
