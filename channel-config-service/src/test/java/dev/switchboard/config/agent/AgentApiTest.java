package dev.switchboard.config.agent;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.agent;
import static dev.switchboard.config.Api.json;
import static dev.switchboard.config.Api.supervisor;
import static dev.switchboard.config.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Topics;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The agent directory (Q1, Q8): create or replace, read, page, and what goes out on the topic. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class AgentApiTest {

  private static ExtractableResponse<Response> put(String agentId, String body) {
    return admin().body(body).when().put("/api/v1/agents/" + agentId).then().extract();
  }

  @Test
  void aNewAgentIsCreatedWith201AndAnnouncedOnTheAgentsTopic() {
    String agentId = unique("ann");
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_AGENTS)) {
      ExtractableResponse<Response> created =
          put(
              agentId,
              "{\"name\":\"Ann Agent\",\"avatarUrl\":\"https://cdn.example.com/a.png\","
                  + "\"departments\":[\"d-1\",\"d-2\"]}");

      assertThat(created.statusCode(), equalTo(201));
      assertThat(created.header("Location"), endsWith("/api/v1/agents/" + agentId));
      assertThat(created.header("ETag"), equalTo("\"1\""));
      assertThat(created.path("id"), equalTo(agentId));
      assertThat(created.path("departments"), equalTo(List.of("d-1", "d-2")));

      ConsumerRecord<String, String> record = probe.await(r -> agentId.equals(r.key()));
      JsonNode event = json(record.value());
      assertThat(
          TopicProbe.header(record, "ce_type"),
          equalTo("dev.switchboard.config.AgentDirectoryChanged.v1"));
      assertThat(TopicProbe.header(record, "ce_id"), equalTo(event.path("id").asText()));
      assertThat(event.path("agentId").asText(), equalTo(agentId));
      assertThat(event.path("version").asLong(), equalTo(1L));
      assertThat(event.path("name").asText(), equalTo("Ann Agent"));
      assertThat(event.path("avatarUrl").asText(), equalTo("https://cdn.example.com/a.png"));
      assertThat(event.path("departments").toString(), equalTo("[\"d-1\",\"d-2\"]"));
      assertThat(event.path("dismissed").asBoolean(), equalTo(false));
      assertThat(event.path("deleted").asBoolean(), equalTo(false));
    }
    admin()
        .when()
        .get("/api/v1/agents/" + agentId)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("name", equalTo("Ann Agent"));
  }

  @Test
  void replacingAnAgentAnswers200WithTheNextVersionAndAnnouncesIt() {
    String agentId = unique("bob");
    put(agentId, "{\"name\":\"Bob\",\"avatarUrl\":null,\"departments\":[\"d-1\"]}");
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_AGENTS)) {
      ExtractableResponse<Response> replaced =
          put(agentId, "{\"name\":\"Bob Builder\",\"avatarUrl\":null,\"departments\":[]}");

      assertThat(replaced.statusCode(), equalTo(200));
      assertThat(replaced.header("ETag"), equalTo("\"2\""));
      assertThat(replaced.path("departments"), equalTo(List.of()));
      assertThat(replaced.<Object>path("avatarUrl"), nullValue());
      // Version 1 may reach the topic after the probe opened: wait for version 2 itself.
      JsonNode event =
          json(
              probe
                  .await(
                      r -> agentId.equals(r.key()) && json(r.value()).path("version").asLong() == 2)
                  .value());
      assertThat(event.path("version").asLong(), equalTo(2L));
      assertThat(event.path("name").asText(), equalTo("Bob Builder"));
      assertThat(event.has("avatarUrl"), equalTo(false));
    }
  }

  @Test
  void replacingAnAgentWithWhatGetAnswersChangesNothing() {
    String agentId = unique("cy");
    put(agentId, "{\"name\":\"Cy\",\"avatarUrl\":null,\"departments\":[\"d-9\"]}");
    String current = admin().when().get("/api/v1/agents/" + agentId).then().extract().asString();
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_AGENTS)) {
      put(agentId, current).response().then().statusCode(200).header("ETag", "\"1\"");
      org.junit.jupiter.api.Assertions.assertThrows(
          org.awaitility.core.ConditionTimeoutException.class,
          () -> probe.await(r -> agentId.equals(r.key()), Duration.ofSeconds(2)));
    }
  }

  @Test
  void aStaleIfMatchIsRefusedWith412() {
    String agentId = unique("di");
    put(agentId, "{\"name\":\"Di\"}");
    put(agentId, "{\"name\":\"Di Two\"}");
    admin()
        .header("If-Match", "\"1\"")
        .body("{\"name\":\"Di Three\"}")
        .when()
        .put("/api/v1/agents/" + agentId)
        .then()
        .statusCode(412)
        .header("ETag", "\"2\"")
        .body("currentState.version", equalTo(2));
    admin()
        .header("If-Match", "\"1\"")
        .body("{\"name\":\"Nobody\"}")
        .when()
        .put("/api/v1/agents/" + unique("nobody"))
        .then()
        .statusCode(412);
  }

  @Test
  void aMissingBlankOrTooLongNameIsRefusedNamingName() {
    for (String body :
        List.of("{}", "{\"name\":\"  \"}", "{\"name\":\"" + "n".repeat(201) + "\"}")) {
      put(unique("nameless"), body)
          .response()
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("name"));
    }
  }

  @Test
  void anAvatarUrlMustBeAnAbsoluteHttpUrl() {
    for (String url :
        List.of("/relative.png", "ftp://example.com/a.png", "not a url", "https://")) {
      put(unique("pic"), "{\"name\":\"Pic\",\"avatarUrl\":\"" + url + "\"}")
          .response()
          .then()
          .statusCode(400)
          .body("errors[0].field", equalTo("avatarUrl"));
    }
  }

  @Test
  void departmentsMustBeDistinctIds() {
    put(unique("dup"), "{\"name\":\"Dup\",\"departments\":[\"d\",\" \",\"d\"]}")
        .response()
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("departments[1]", "departments[2]"));
  }

  @Test
  void theDirectoryIsPagedInIdOrder() {
    for (int i = 0; i < 3; i++) {
      put(unique("paged"), "{\"name\":\"Paged\"}");
    }
    ExtractableResponse<Response> first =
        supervisor().when().get("/api/v1/agents?limit=2").then().statusCode(200).extract();
    List<String> firstIds = first.path("items.id");
    String cursor = first.path("nextCursor");
    String next =
        supervisor()
            .when()
            .get("/api/v1/agents?limit=2&cursor=" + cursor)
            .then()
            .statusCode(200)
            .extract()
            .path("items[0].id");
    assertThat(firstIds, not(hasItem(next)));
    assertThat(next.compareTo(firstIds.get(1)) > 0, equalTo(true));
    supervisor().when().get("/api/v1/agents?cursor=!!!").then().statusCode(400);
  }

  /**
   * Issue 12: {@code bob:sessions} was accepted, and in routing's Redis its keys were another
   * agent's. Agent ids are 1 to 128 of A-Z a-z 0-9 . _ - @ + (AgentIdRule); an e-mail address is
   * one.
   */
  @Test
  void anAgentIdOutsideTheAgentIdAlphabetIsRefusedNamingTheField() {
    for (String refused : List.of("bob:sessions", "bob|x", "a".repeat(129))) {
      ExtractableResponse<Response> answer = put(refused, "{\"name\":\"Bob\"}");
      assertThat(refused, answer.statusCode(), equalTo(400));
      assertThat(answer.contentType(), equalTo("application/problem+json"));
      assertThat(answer.path("status"), equalTo(400));
      assertThat(answer.path("errors[0].field"), equalTo("agentId"));
      assertThat(answer.path("errors[0].message"), containsString("A-Z a-z"));
    }
    String email = unique("ann.lee") + "+ops@example.com";
    assertThat(put(email, "{\"name\":\"Ann\"}").statusCode(), equalTo(201));
  }

  @Test
  void anUnknownAgentIsA404() {
    admin()
        .when()
        .get("/api/v1/agents/" + unique("unknown"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void onlyAdministratorsChangeTheDirectoryAndSupervisorsMayReadIt() {
    String agentId = unique("guarded");
    agent()
        .body("{\"name\":\"Guarded\"}")
        .when()
        .put("/api/v1/agents/" + agentId)
        .then()
        .statusCode(403);
    supervisor()
        .body("{\"name\":\"Guarded\"}")
        .when()
        .put("/api/v1/agents/" + agentId)
        .then()
        .statusCode(403);
    agent().when().get("/api/v1/agents").then().statusCode(403);
    supervisor().when().get("/api/v1/agents").then().statusCode(200);
  }
}
