package dev.switchboard.config.agent;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.agent;
import static dev.switchboard.config.Api.json;
import static dev.switchboard.config.Api.supervisor;
import static dev.switchboard.config.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.EventJson;
import dev.switchboard.events.Topics;
import dev.switchboard.events.config.AgentDirectoryChanged;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Q6 in the directory: dismissal and absence periods, validated and announced. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class AgentAvailabilityTest {

  private static ExtractableResponse<Response> put(String agentId, String body) {
    return admin().body(body).when().put("/api/v1/agents/" + agentId).then().extract();
  }

  private static List<String> errorFields(ExtractableResponse<Response> answer) {
    return answer.jsonPath().getList("errors.field", String.class);
  }

  @Test
  void aDismissedAgentWithAbsencesIsStoredShownAndAnnounced() {
    String agentId = unique("dora");
    put(agentId, "{\"name\":\"Dora\"}").response().then().statusCode(201);
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_AGENTS)) {
      ExtractableResponse<Response> replaced =
          put(
              agentId,
              "{\"name\":\"Dora\",\"dismissed\":true,\"absences\":["
                  + "{\"from\":\"2026-12-20T00:00:00Z\",\"to\":\"2027-01-03T00:00:00Z\","
                  + "\"reason\":\"VACATION\"},"
                  + "{\"from\":\"2027-02-01T09:00:00+02:00\",\"to\":\"2027-02-01T18:00:00+02:00\"}]}");

      assertThat(replaced.statusCode(), equalTo(200));
      assertThat(replaced.header("ETag"), equalTo("\"2\""));
      assertThat(replaced.path("dismissed"), equalTo(true));
      assertThat(replaced.path("absences[0].reason"), equalTo("VACATION"));
      assertThat(replaced.path("absences[1].from"), equalTo("2027-02-01T07:00:00Z"));

      String value =
          probe
              .await(r -> agentId.equals(r.key()) && json(r.value()).path("version").asLong() == 2)
              .value();
      AgentDirectoryChanged event =
          EventJson.read(value.getBytes(StandardCharsets.UTF_8), AgentDirectoryChanged.class);
      assertThat(event.dismissed(), equalTo(true));
      assertThat(event.absences().size(), equalTo(2));
      assertThat(
          event.absences().get(0).startsAt(), equalTo(Instant.parse("2026-12-20T00:00:00Z")));
      assertThat(event.absences().get(0).endsAt(), equalTo(Instant.parse("2027-01-03T00:00:00Z")));
      assertThat(event.absences().get(0).reason(), equalTo("VACATION"));
      assertThat(event.absentAt(Instant.parse("2026-12-25T12:00:00Z")), equalTo(true));
      assertThat(event.absentAt(Instant.parse("2027-01-03T00:00:00Z")), equalTo(false));
    }
    JsonNode shown =
        json(
            admin()
                .when()
                .get("/api/v1/agents/" + agentId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(shown.path("dismissed").asBoolean(), equalTo(true));
    assertThat(shown.path("absences").size(), equalTo(2));
    // What GET answers is accepted back and changes nothing.
    put(agentId, shown.toString()).response().then().statusCode(200).header("ETag", "\"2\"");
  }

  @Test
  void reinstatingAnAgentClearsDismissalAndAbsences() {
    String agentId = unique("ed");
    put(
            agentId,
            "{\"name\":\"Ed\",\"dismissed\":true,\"absences\":[{\"from\":\"2026-01-01T00:00:00Z\","
                + "\"to\":\"2026-01-02T00:00:00Z\"}]}")
        .response()
        .then()
        .statusCode(201)
        .body("dismissed", equalTo(true));

    put(agentId, "{\"name\":\"Ed\"}")
        .response()
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("dismissed", equalTo(false))
        .body("absences.size()", equalTo(0));
  }

  @Test
  void anAbsenceEndingBeforeItStartsOrWithoutBoundsIsA400NamingTheField() {
    String agentId = unique("fay");
    ExtractableResponse<Response> refused =
        put(
            agentId,
            "{\"name\":\"Fay\",\"absences\":["
                + "{\"from\":\"2026-05-02T00:00:00Z\",\"to\":\"2026-05-01T00:00:00Z\"},"
                + "{\"from\":\"2026-05-02T00:00:00Z\",\"to\":\"2026-05-02T00:00:00Z\"},"
                + "{\"to\":\"2026-05-02T00:00:00Z\"},"
                + "{\"from\":\"2026-05-01T00:00:00Z\",\"to\":\"2026-05-02T00:00:00Z\","
                + "\"reason\":\"\"}]}");

    assertThat(refused.statusCode(), equalTo(400));
    assertThat(
        errorFields(refused),
        containsInAnyOrder(
            "absences[0].to", "absences[1].to", "absences[2].from", "absences[3].reason"));
    admin().when().get("/api/v1/agents/" + agentId).then().statusCode(404);
  }

  @Test
  void aBadInstantAnUnknownFieldOrANonBooleanDismissalIsA400() {
    String agentId = unique("gus");
    ExtractableResponse<Response> badInstant =
        put(
            agentId,
            "{\"name\":\"Gus\",\"absences\":[{\"from\":\"tomorrow\",\"to\":\"2026-05-02T00:00:00Z\"}]}");
    assertThat(badInstant.statusCode(), equalTo(400));
    assertThat(errorFields(badInstant), equalTo(List.of("absences[0].from")));

    ExtractableResponse<Response> unknown =
        put(
            agentId,
            "{\"name\":\"Gus\",\"absences\":[{\"from\":\"2026-05-01T00:00:00Z\","
                + "\"until\":\"2026-05-02T00:00:00Z\"}]}");
    assertThat(unknown.statusCode(), equalTo(400));
    assertThat(errorFields(unknown), equalTo(List.of("absences[0].until")));

    ExtractableResponse<Response> notBoolean =
        put(agentId, "{\"name\":\"Gus\",\"dismissed\":\"soon\"}");
    assertThat(notBoolean.statusCode(), equalTo(400));
    assertThat(errorFields(notBoolean), equalTo(List.of("dismissed")));
    admin().when().get("/api/v1/agents/" + agentId).then().statusCode(404);
  }

  @Test
  void onlyAnAdministratorDismissesAnAgent() {
    String agentId = unique("hal");
    String body = "{\"name\":\"Hal\",\"dismissed\":true}";
    supervisor().body(body).when().put("/api/v1/agents/" + agentId).then().statusCode(403);
    agent().body(body).when().put("/api/v1/agents/" + agentId).then().statusCode(403);
    given()
        .contentType("application/json")
        .body(body)
        .when()
        .put("/api/v1/agents/" + agentId)
        .then()
        .statusCode(401);
    admin().when().get("/api/v1/agents/" + agentId).then().statusCode(404);
  }
}
