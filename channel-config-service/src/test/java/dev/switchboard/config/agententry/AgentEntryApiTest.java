package dev.switchboard.config.agententry;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.agent;
import static dev.switchboard.config.Api.json;
import static dev.switchboard.config.Api.newChannel;
import static dev.switchboard.config.Api.supervisor;
import static dev.switchboard.config.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Topics;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Q8: the channel's own entries for its agents, a part of the channel and of its settings. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class AgentEntryApiTest {

  private static String path(String channelId, String agentId) {
    return "/api/v1/channels/" + channelId + "/agent-entries/" + agentId;
  }

  private static ExtractableResponse<Response> put(String channelId, String agentId, String body) {
    return admin().body(body).when().put(path(channelId, agentId)).then().extract();
  }

  private static List<String> errorFields(ExtractableResponse<Response> answer) {
    return answer.jsonPath().getList("errors.field", String.class);
  }

  /** Issue 12: the agent id of the path is held to AgentIdRule, as in the directory. */
  @Test
  void anEntryForAnIdThatIsNoAgentIdIsRefusedNamingTheField() {
    ExtractableResponse<Response> refused =
        put(newChannel(), "bob:sessions", "{\"displayName\":\"Bob\"}");

    assertThat(refused.statusCode(), equalTo(400));
    assertThat(refused.contentType(), equalTo("application/problem+json"));
    assertThat(refused.path("errors.field"), containsInAnyOrder("agentId"));
  }

  @Test
  void anEntryIsANewChannelVersionAndTravelsInTheChannelSettings() {
    String channelId = newChannel();
    String agentId = unique("ivy");
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CHANNELS)) {
      ExtractableResponse<Response> created =
          put(
              channelId,
              agentId,
              "{\"displayName\":\" Support team \",\"avatarUrl\":\"https://cdn.example.com/s.png\"}");

      assertThat(created.statusCode(), equalTo(201));
      assertThat(created.header("Location"), endsWith(path(channelId, agentId)));
      assertThat(created.header("ETag"), equalTo("\"2\""));
      assertThat(created.path("displayName"), equalTo("Support team"));
      assertThat(created.path("channelVersion"), equalTo(2));

      JsonNode event =
          json(
              probe
                  .await(
                      r ->
                          channelId.equals(r.key())
                              && json(r.value()).path("version").asLong() == 2)
                  .value());
      JsonNode entry = event.path("settings").path("agentEntries").path(agentId);
      assertThat(entry.path("displayName").asText(), equalTo("Support team"));
      assertThat(entry.path("avatarUrl").asText(), equalTo("https://cdn.example.com/s.png"));
    }
    String shown =
        admin()
            .when()
            .get(path(channelId, agentId))
            .then()
            .statusCode(200)
            .header("ETag", "\"2\"")
            .body("displayName", equalTo("Support team"))
            .extract()
            .asString();
    // What GET answers is accepted back and changes nothing.
    put(channelId, agentId, shown).response().then().statusCode(200).header("ETag", "\"2\"");
    admin().when().get("/api/v1/channels/" + channelId).then().header("ETag", "\"2\"");
    admin()
        .when()
        .get("/api/v1/channels/" + channelId + "/agent-entries")
        .then()
        .statusCode(200)
        .body("items.agentId", equalTo(List.of(agentId)));
  }

  @Test
  void replacingAndRemovingAnEntryMakeNewVersionsAndAStaleIfMatchIsA412() {
    String channelId = newChannel();
    String agentId = unique("jo");
    put(channelId, agentId, "{\"displayName\":\"Jo\"}").response().then().statusCode(201);

    admin()
        .header("If-Match", "\"1\"")
        .body("{\"displayName\":\"Joanna\"}")
        .when()
        .put(path(channelId, agentId))
        .then()
        .statusCode(412)
        .header("ETag", "\"2\"");
    admin()
        .header("If-Match", "\"2\"")
        .body("{\"displayName\":\"Joanna\",\"avatarUrl\":null}")
        .when()
        .put(path(channelId, agentId))
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("displayName", equalTo("Joanna"));

    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CHANNELS)) {
      admin()
          .when()
          .delete(path(channelId, agentId))
          .then()
          .statusCode(204)
          .header("ETag", "\"4\"");
      JsonNode event =
          json(
              probe
                  .await(
                      r ->
                          channelId.equals(r.key())
                              && json(r.value()).path("version").asLong() == 4)
                  .value());
      assertThat(event.path("settings").path("agentEntries").size(), equalTo(0));
    }
    admin().when().get(path(channelId, agentId)).then().statusCode(404);
    admin().when().delete(path(channelId, agentId)).then().statusCode(404);
  }

  @Test
  void invalidEntriesAreA400NamingEachField() {
    String channelId = newChannel();
    String agentId = unique("kim");
    ExtractableResponse<Response> refused =
        put(
            channelId,
            agentId,
            "{\"displayName\":\" \",\"avatarUrl\":\"ftp://x\",\"agentId\":\"someone-else\"}");
    assertThat(refused.statusCode(), equalTo(400));
    assertThat(errorFields(refused), containsInAnyOrder("displayName", "avatarUrl", "agentId"));

    ExtractableResponse<Response> tooLong =
        put(channelId, agentId, "{\"displayName\":\"" + "x".repeat(201) + "\"}");
    assertThat(tooLong.statusCode(), equalTo(400));
    assertThat(errorFields(tooLong), equalTo(List.of("displayName")));

    ExtractableResponse<Response> unknown =
        put(channelId, agentId, "{\"displayName\":\"Kim\",\"nickname\":\"K\"}");
    assertThat(unknown.statusCode(), equalTo(400));
    assertThat(errorFields(unknown), equalTo(List.of("nickname")));

    admin().when().get(path(channelId, agentId)).then().statusCode(404);
    admin().when().get("/api/v1/channels/" + channelId).then().header("ETag", "\"1\"");
  }

  @Test
  void anUnknownChannelIs404() {
    String unknown = UUID.randomUUID().toString();
    put(unknown, "lee", "{\"displayName\":\"Lee\"}").response().then().statusCode(404);
    admin().when().get(path(unknown, "lee")).then().statusCode(404);
  }

  @Test
  void administratorsWriteEntriesAndSupervisorsReadThem() {
    String channelId = newChannel();
    String agentId = unique("max");
    String body = "{\"displayName\":\"Max\"}";
    supervisor().body(body).when().put(path(channelId, agentId)).then().statusCode(403);
    agent().body(body).when().put(path(channelId, agentId)).then().statusCode(403);
    given()
        .contentType("application/json")
        .body(body)
        .when()
        .put(path(channelId, agentId))
        .then()
        .statusCode(401);
    put(channelId, agentId, body).response().then().statusCode(201);
    supervisor().when().get(path(channelId, agentId)).then().statusCode(200);
    agent().when().get(path(channelId, agentId)).then().statusCode(403);
    supervisor().when().delete(path(channelId, agentId)).then().statusCode(403);
  }
}
