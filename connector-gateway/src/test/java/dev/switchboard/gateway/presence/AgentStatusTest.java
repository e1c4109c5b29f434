package dev.switchboard.gateway.presence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.events.Topics;
import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.gateway.support.TestEvents;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import dev.switchboard.testkit.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class AgentStatusTest {

  @Test
  void goingOnlinePublishesAgentPresenceChangedKeyedByTheAgent() {
    String agentId = "agent-" + UUID.randomUUID();
    try (TopicProbe presence = TopicProbe.open(Topics.PRESENCE)) {
      given()
          .header("Authorization", "Bearer " + TestTokens.token(agentId, "agent"))
          .contentType("application/json")
          .body("{\"status\":\"ONLINE\"}")
          .put("/api/v1/agent/status")
          .then()
          .statusCode(200)
          .body("agentId", equalTo(agentId))
          .body("status", equalTo("ONLINE"))
          .body("at", notNullValue());

      ConsumerRecord<String, String> record = presence.await(r -> agentId.equals(r.key()));
      assertThat(
          TopicProbe.header(record, "ce_type"),
          equalTo("dev.switchboard.presence.AgentPresenceChanged.v1"));
      JsonNode event = TestEvents.json(record.value());
      assertThat(event.path("agentId").asText(), equalTo(agentId));
      assertThat(event.path("status").asText(), equalTo("ONLINE"));
      assertThat(event.path("reason").asText(), equalTo("EXPLICIT"));
      assertThat(event.path("clockedIn").asBoolean(), equalTo(true));
      assertThat(TopicProbe.header(record, "ce_id"), equalTo(event.path("id").asText()));
    }
  }

  @Test
  void anUnknownStatusIs400NamingTheField() {
    given()
        .header(
            "Authorization", "Bearer " + TestTokens.token("agent-" + UUID.randomUUID(), "agent"))
        .contentType("application/json")
        .body("{\"status\":\"SLEEPING\"}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("status"));
  }

  @Test
  void aMissingStatusIs400() {
    given()
        .header(
            "Authorization", "Bearer " + TestTokens.token("agent-" + UUID.randomUUID(), "agent"))
        .contentType("application/json")
        .body("{}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("status"));
  }

  @Test
  void withoutATokenIs401AndWithoutTheAgentRoleIs403() {
    given()
        .contentType("application/json")
        .body("{\"status\":\"ONLINE\"}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("Authorization", "Bearer " + TestTokens.token("admin-1", "admin"))
        .contentType("application/json")
        .body("{\"status\":\"ONLINE\"}")
        .put("/api/v1/agent/status")
        .then()
        .statusCode(403);
  }
}
