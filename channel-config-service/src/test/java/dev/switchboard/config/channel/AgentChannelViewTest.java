package dev.switchboard.config.channel;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.as;
import static dev.switchboard.config.Api.newCannedList;
import static dev.switchboard.config.Api.newChannel;
import static dev.switchboard.config.Api.queue;
import static dev.switchboard.config.Api.supervisor;
import static dev.switchboard.config.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** G1: what an agent reads of a channel, only when the channel's queue holds it. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class AgentChannelViewTest {

  private static String view(String channelId) {
    return "/api/v1/channels/" + channelId + "/agent-view";
  }

  private static String channelWithList(String listId) {
    String channelId = newChannel();
    admin()
        .body(
            "{\"name\":\"Agent view\",\"automation\":{\"cannedResponseListIds\":[\""
                + listId
                + "\"]}}")
        .when()
        .put("/api/v1/channels/" + channelId)
        .then()
        .statusCode(200);
    return channelId;
  }

  @Test
  void anAgentInTheQueueReadsTheChannelNameAndItsCannedResponsesOnly() {
    String agentId = unique("nia");
    String listId = newCannedList("Greetings", "[{\"shortcut\":\"hi\",\"text\":\"Hi there\"}]");
    String channelId = channelWithList(listId);
    queue(channelId, "[{\"type\":\"USER\",\"id\":\"" + agentId + "\"}]");

    as(agentId, "agent")
        .when()
        .get(view(channelId))
        .then()
        .statusCode(200)
        .body("id", equalTo(channelId))
        .body("name", equalTo("Agent view"))
        .body("active", equalTo(true))
        .body("cannedResponseLists.id", equalTo(List.of(listId)))
        .body("cannedResponseLists[0].items[0].text", equalTo("Hi there"))
        .body("routing", nullValue())
        .body("queue", nullValue());
    // The channel's whole configuration stays for supervisors and administrators.
    as(agentId, "agent").when().get("/api/v1/channels/" + channelId).then().statusCode(403);
  }

  @Test
  void anAgentHeldThroughADepartmentReadsItToo() {
    String agentId = unique("oli");
    String department = unique("dep");
    admin()
        .body("{\"name\":\"Oli\",\"departments\":[\"" + department + "\"]}")
        .when()
        .put("/api/v1/agents/" + agentId)
        .then()
        .statusCode(201);
    String channelId = channelWithList(newCannedList("Dept", "[]"));
    queue(channelId, "[{\"type\":\"DEPARTMENT\",\"id\":\"" + department + "\"}]");

    as(agentId, "agent").when().get(view(channelId)).then().statusCode(200);
  }

  @Test
  void anAgentOutsideTheQueueGets403AndAnUnknownChannel404() {
    String channelId = channelWithList(newCannedList("Closed", "[]"));
    queue(channelId, "[{\"type\":\"USER\",\"id\":\"" + unique("someone") + "\"}]");

    as(unique("pia"), "agent")
        .when()
        .get(view(channelId))
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(unique("pia"), "agent")
        .when()
        .get(view(UUID.randomUUID().toString()))
        .then()
        .statusCode(404);
    given().when().get(view(channelId)).then().statusCode(401);
  }

  @Test
  void supervisorsAndAdministratorsReadEveryChannel() {
    String channelId = channelWithList(newCannedList("All", "[]"));
    supervisor().when().get(view(channelId)).then().statusCode(200);
    supervisor().when().get("/api/v1/channels/" + channelId).then().statusCode(200);
    admin().when().get(view(channelId)).then().statusCode(200);
    as(unique("norole")).when().get(view(channelId)).then().statusCode(403);
  }
}
