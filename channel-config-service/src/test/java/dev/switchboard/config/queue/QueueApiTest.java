package dev.switchboard.config.queue;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.agent;
import static dev.switchboard.config.Api.json;
import static dev.switchboard.config.Api.newChannel;
import static dev.switchboard.config.Api.supervisor;
import static dev.switchboard.config.Api.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A channel's queue (Q1-Q4): stored, versioned with the channel, published expanded. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class QueueApiTest {

  private static ExtractableResponse<Response> putQueue(String channelId, String body) {
    return admin()
        .body(body)
        .when()
        .put("/api/v1/channels/" + channelId + "/queue")
        .then()
        .extract();
  }

  private static void putAgent(String agentId, String name, String... departments) {
    StringBuilder list = new StringBuilder();
    for (String department : departments) {
      list.append(list.length() == 0 ? "" : ",").append('"').append(department).append('"');
    }
    admin()
        .body("{\"name\":\"" + name + "\",\"avatarUrl\":null,\"departments\":[" + list + "]}")
        .when()
        .put("/api/v1/agents/" + agentId)
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
  }

  private static JsonNode queueOf(ConsumerRecord<String, String> record) {
    return json(record.value()).path("settings").path("queue");
  }

  private static ConsumerRecord<String, String> awaitVersion(
      TopicProbe probe, String channelId, long version) {
    return probe.await(
        r -> channelId.equals(r.key()) && json(r.value()).path("version").asLong() == version);
  }

  @Test
  void aNewChannelHasAnEmptyQueueDistributedEvenly() {
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CHANNELS)) {
      String channelId = newChannel();

      JsonNode queue = queueOf(awaitVersion(probe, channelId, 1));
      assertThat(
          queue, equalTo(json("{\"members\":[],\"distributionMode\":\"EVENLY\",\"agentIds\":[]}")));
    }
    String channelId = newChannel();
    admin()
        .when()
        .get("/api/v1/channels/" + channelId + "/queue")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("members", hasSize(0))
        .body("distributionMode", equalTo("EVENLY"))
        .body("agentIds", hasSize(0))
        .body("version", equalTo(1));
    admin()
        .when()
        .get("/api/v1/channels/" + channelId)
        .then()
        .statusCode(200)
        .body("queue.distributionMode", equalTo("EVENLY"));
  }

  @Test
  void puttingAQueueMakesTheChannelsNextVersionAndPublishesItsAgentIds() {
    String channelId = newChannel();
    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CHANNELS)) {
      ExtractableResponse<Response> answer =
          putQueue(
              channelId,
              "{\"members\":[{\"type\":\"USER\",\"id\":\"agent1\"},{\"type\":\"USER\",\"id\":\"agent2\"}],"
                  + "\"distributionMode\":\"STRICT_ORDER\"}");

      assertThat(answer.statusCode(), equalTo(200));
      assertThat(answer.header("ETag"), equalTo("\"2\""));
      assertThat(answer.path("version"), equalTo(2));
      assertThat(answer.path("agentIds"), equalTo(List.of("agent1", "agent2")));
      JsonNode event = json(awaitVersion(probe, channelId, 2).value());
      assertThat(event.path("settings").path("active").asBoolean(), equalTo(true));
      assertThat(
          event.path("settings").path("queue"),
          equalTo(
              json(
                  "{\"members\":[{\"type\":\"USER\",\"id\":\"agent1\"},{\"type\":\"USER\",\"id\":\"agent2\"}],"
                      + "\"distributionMode\":\"STRICT_ORDER\",\"agentIds\":[\"agent1\",\"agent2\"]}")));
    }
    admin()
        .when()
        .get("/api/v1/channels/" + channelId)
        .then()
        .header("ETag", "\"2\"")
        .body("version", equalTo(2))
        .body("queue.members[1].id", equalTo("agent2"))
        .body("queue.agentIds", equalTo(List.of("agent1", "agent2")));
  }

  @Test
  void aDepartmentInTheQueueExpandsToItsAgentsByNameThenId() {
    String department = unique("dept");
    String zed = unique("zed");
    String ann = unique("ann");
    String mia = unique("mia");
    putAgent(zed, "Zed Zulu", department);
    putAgent(ann, "Ann Alpha", unique("other-dept"), department);
    putAgent(mia, "Mia Mike", department);
    putAgent(unique("elsewhere"), "Al Elsewhere", unique("other-dept"));
    String channelId = newChannel();

    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CHANNELS)) {
      ExtractableResponse<Response> answer =
          putQueue(
              channelId,
              "{\"members\":[{\"type\":\"USER\",\"id\":\"agent7\"},"
                  + "{\"type\":\"DEPARTMENT\",\"id\":\""
                  + department
                  + "\"},{\"type\":\"USER\",\"id\":\""
                  + zed
                  + "\"}],\"distributionMode\":\"ALL\"}");

      List<String> expected = List.of("agent7", ann, mia, zed);
      assertThat(answer.path("agentIds"), equalTo(expected));
      JsonNode queue = queueOf(awaitVersion(probe, channelId, 2));
      assertThat(queue.path("members").get(1).path("type").asText(), equalTo("DEPARTMENT"));
      assertThat(queue.path("distributionMode").asText(), equalTo("ALL"));
      assertThat(
          List.of(
              queue.path("agentIds").get(0).asText(),
              queue.path("agentIds").get(1).asText(),
              queue.path("agentIds").get(2).asText(),
              queue.path("agentIds").get(3).asText()),
          equalTo(expected));
      assertThat(queue.path("agentIds").size(), equalTo(4));
    }
  }

  @Test
  void anAgentJoiningOrLeavingANamedDepartmentRepublishesTheChannel() {
    String department = unique("dept");
    String first = unique("first");
    putAgent(first, "First Agent", department);
    String channelId = newChannel();
    putQueue(
        channelId,
        "{\"members\":[{\"type\":\"DEPARTMENT\",\"id\":\""
            + department
            + "\"}],\"distributionMode\":\"EVENLY\"}");
    String joiner = unique("joiner");

    try (TopicProbe probe = TopicProbe.open(Topics.CONFIG_CHANNELS)) {
      putAgent(joiner, "Joining Agent", unique("before"), department);
      JsonNode joined = queueOf(awaitVersion(probe, channelId, 3));
      assertThat(joined.path("agentIds").get(0).asText(), equalTo(first));
      assertThat(joined.path("agentIds").get(1).asText(), equalTo(joiner));

      putAgent(joiner, "Joining Agent");
      JsonNode left = queueOf(awaitVersion(probe, channelId, 4));
      assertThat(left.path("agentIds").size(), equalTo(1));
      assertThat(left.path("agentIds").get(0).asText(), equalTo(first));
    }
    admin()
        .when()
        .get("/api/v1/channels/" + channelId + "/queue")
        .then()
        .header("ETag", "\"4\"")
        .body("agentIds", equalTo(List.of(first)));
  }

  @Test
  void aStaleIfMatchIsRefusedWith412AndTheCurrentVersion() {
    String channelId = newChannel();
    String queue =
        "{\"members\":[{\"type\":\"USER\",\"id\":\"agent1\"}],\"distributionMode\":\"EVENLY\"}";
    putQueue(channelId, queue);

    admin()
        .header("If-Match", "\"1\"")
        .body("{\"members\":[],\"distributionMode\":\"ALL\"}")
        .when()
        .put("/api/v1/channels/" + channelId + "/queue")
        .then()
        .statusCode(412)
        .contentType("application/problem+json")
        .header("ETag", "\"2\"")
        .body("currentState.version", equalTo(2));

    admin()
        .when()
        .get("/api/v1/channels/" + channelId + "/queue")
        .then()
        .body("version", equalTo(2))
        .body("distributionMode", equalTo("EVENLY"));
  }

  @Test
  void aMatchingIfMatchIsApplied() {
    String channelId = newChannel();
    admin()
        .header("If-Match", "\"1\"")
        .body("{\"members\":[{\"type\":\"USER\",\"id\":\"agent1\"}],\"distributionMode\":\"ALL\"}")
        .when()
        .put("/api/v1/channels/" + channelId + "/queue")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");
  }

  @Test
  void whatGetAnswersIsAcceptedBackAndChangesNothing() {
    String channelId = newChannel();
    putQueue(
        channelId,
        "{\"members\":[{\"type\":\"USER\",\"id\":\"agent1\"}],\"distributionMode\":\"EVENLY\"}");
    String current =
        admin().when().get("/api/v1/channels/" + channelId + "/queue").then().extract().asString();

    putQueue(channelId, current).response().then().statusCode(200).header("ETag", "\"2\"");

    JsonNode stale = json(current);
    ((com.fasterxml.jackson.databind.node.ObjectNode) stale).put("version", 1);
    putQueue(channelId, stale.toString()).response().then().statusCode(412);
  }

  @Test
  void agentIdsAreReadOnly() {
    String channelId = newChannel();
    putQueue(
            channelId,
            "{\"members\":[{\"type\":\"USER\",\"id\":\"agent1\"}],\"distributionMode\":\"EVENLY\","
                + "\"agentIds\":[\"someone-else\"]}")
        .response()
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("agentIds"));
  }

  /** Issue 12: a USER member is an agent id (AgentIdRule); a department id is not held to it. */
  @Test
  void aUserMemberWhoseIdIsNoAgentIdIsRefusedNamingIt() {
    String channelId = newChannel();
    ExtractableResponse<Response> refused =
        putQueue(
            channelId,
            "{\"members\":[{\"type\":\"USER\",\"id\":\"bob\"},"
                + "{\"type\":\"USER\",\"id\":\"bob:sessions\"}],"
                + "\"distributionMode\":\"EVENLY\"}");

    assertThat(refused.statusCode(), equalTo(400));
    assertThat(refused.contentType(), equalTo("application/problem+json"));
    assertThat(refused.path("errors.field"), containsInAnyOrder("members[1].id"));
  }

  @Test
  void invalidMembersAreRefusedNamingEachByItsPath() {
    String channelId = newChannel();
    ExtractableResponse<Response> refused =
        putQueue(
            channelId,
            "{\"members\":[{\"type\":\"GROUP\",\"id\":\"g\"},{\"type\":\"USER\",\"id\":\" \"},"
                + "{\"type\":\"USER\",\"id\":\"a\"},{\"type\":\"USER\",\"id\":\"a\"},{\"id\":\"b\"}],"
                + "\"distributionMode\":\"RANDOM\"}");

    assertThat(refused.statusCode(), equalTo(400));
    assertThat(refused.contentType(), equalTo("application/problem+json"));
    assertThat(
        refused.path("errors.field"),
        containsInAnyOrder(
            "members[0].type",
            "members[1].id",
            "members[3]",
            "members[4].type",
            "distributionMode"));
    putQueue(channelId, "{\"distributionMode\":\"EVENLY\"}")
        .response()
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("members"));
    putQueue(
            channelId,
            "{\"members\":[{\"type\":\"USER\",\"id\":\"a\",\"extra\":1}],\"distributionMode\":\"EVENLY\"}")
        .response()
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("members[0].extra"));
  }

  @Test
  void onlyAdministratorsChangeQueuesAndSupervisorsMayReadThem() {
    String channelId = newChannel();
    String body = "{\"members\":[],\"distributionMode\":\"EVENLY\"}";
    agent()
        .body(body)
        .when()
        .put("/api/v1/channels/" + channelId + "/queue")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    supervisor()
        .body(body)
        .when()
        .put("/api/v1/channels/" + channelId + "/queue")
        .then()
        .statusCode(403);
    agent().when().get("/api/v1/channels/" + channelId + "/queue").then().statusCode(403);
    supervisor().when().get("/api/v1/channels/" + channelId + "/queue").then().statusCode(200);
  }

  @Test
  void theQueueOfAnUnknownChannelIsA404() {
    String unknown = UUID.randomUUID().toString();
    admin().when().get("/api/v1/channels/" + unknown + "/queue").then().statusCode(404);
    putQueue(unknown, "{\"members\":[],\"distributionMode\":\"EVENLY\"}")
        .response()
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
