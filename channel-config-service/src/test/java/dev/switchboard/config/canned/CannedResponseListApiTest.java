package dev.switchboard.config.canned;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.as;
import static dev.switchboard.config.Api.newCannedList;
import static dev.switchboard.config.Api.newChannel;
import static dev.switchboard.config.Api.queue;
import static dev.switchboard.config.Api.supervisor;
import static dev.switchboard.config.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A8: canned-response lists — create, edit, search, delete, attach to channels, and who may. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class CannedResponseListApiTest {

  private static final String ITEMS =
      "[{\"shortcut\":\"hello\",\"text\":\"Hello! How can I help you?\"},"
          + "{\"shortcut\":\"refund\",\"text\":\"Refunds take 5 business days.\"},"
          + "{\"shortcut\":\"bye\",\"text\":\"Thank you, have a nice day.\"}]";

  private static ExtractableResponse<Response> post(String body) {
    return admin().body(body).when().post("/api/v1/canned-response-lists").then().extract();
  }

  private static List<String> errorFields(ExtractableResponse<Response> answer) {
    return answer.jsonPath().getList("errors.field", String.class);
  }

  private static List<String> search(String listId, String q) {
    return admin()
        .queryParam("q", q)
        .when()
        .get("/api/v1/canned-response-lists/" + listId + "/responses")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.shortcut", String.class);
  }

  private static ExtractableResponse<Response> useLists(String channelId, String... listIds) {
    return admin()
        .body(
            "{\"automation\":{\"cannedResponseListIds\":["
                + String.join(
                    ",", java.util.Arrays.stream(listIds).map(id -> "\"" + id + "\"").toList())
                + "]}}")
        .when()
        .put("/api/v1/channels/" + channelId)
        .then()
        .extract();
  }

  @Test
  void aListIsCreatedReadAndReplacedWithItsVersion() {
    ExtractableResponse<Response> created =
        post("{\"name\":\" Support \",\"items\":" + ITEMS + "}");
    assertThat(created.statusCode(), equalTo(201));
    String id = created.path("id");
    assertThat(created.header("Location"), endsWith("/api/v1/canned-response-lists/" + id));
    assertThat(created.header("ETag"), equalTo("\"1\""));
    assertThat(created.path("name"), equalTo("Support"));
    assertThat(created.path("items[1].shortcut"), equalTo("refund"));

    String current =
        admin()
            .when()
            .get("/api/v1/canned-response-lists/" + id)
            .then()
            .statusCode(200)
            .header("ETag", "\"1\"")
            .extract()
            .asString();
    // What GET answers is accepted back and changes nothing.
    admin()
        .body(current)
        .when()
        .put("/api/v1/canned-response-lists/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");

    admin()
        .header("If-Match", "\"1\"")
        .body("{\"name\":\"Support\",\"items\":[{\"shortcut\":\"hi\",\"text\":\"Hi!\"}]}")
        .when()
        .put("/api/v1/canned-response-lists/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("items.shortcut", equalTo(List.of("hi")));
  }

  @Test
  void aStaleIfMatchIsA412AndTheListStaysAsItWas() {
    String id = newCannedList("Sales", ITEMS);
    admin()
        .body("{\"name\":\"Sales 2\",\"items\":" + ITEMS + "}")
        .when()
        .put("/api/v1/canned-response-lists/" + id)
        .then()
        .statusCode(200);

    admin()
        .header("If-Match", "\"1\"")
        .body("{\"name\":\"Sales 3\"}")
        .when()
        .put("/api/v1/canned-response-lists/" + id)
        .then()
        .statusCode(412)
        .header("ETag", "\"2\"")
        .body("currentState.version", equalTo(2));
    admin()
        .header("If-Match", "\"1\"")
        .when()
        .delete("/api/v1/canned-response-lists/" + id)
        .then()
        .statusCode(412);
    admin()
        .when()
        .get("/api/v1/canned-response-lists/" + id)
        .then()
        .body("name", equalTo("Sales 2"));
  }

  @Test
  void ofTwoConcurrentWritersWithTheSameIfMatchOneWinsAndTheOtherGets412() throws Exception {
    String id = newCannedList("Race", ITEMS);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Integer>> answers =
          pool.invokeAll(
              java.util.stream.IntStream.range(0, 2)
                  .mapToObj(
                      i ->
                          (java.util.concurrent.Callable<Integer>)
                              () ->
                                  admin()
                                      .header("If-Match", "\"1\"")
                                      .body("{\"name\":\"Writer " + i + "\"}")
                                      .when()
                                      .put("/api/v1/canned-response-lists/" + id)
                                      .then()
                                      .extract()
                                      .statusCode())
                  .toList());
      List<Integer> codes = new java.util.ArrayList<>();
      for (var answer : answers) {
        codes.add(answer.get());
      }
      assertThat(codes, containsInAnyOrder(200, 412));
    } finally {
      pool.shutdownNow();
    }
    admin().when().get("/api/v1/canned-response-lists/" + id).then().header("ETag", "\"2\"");
  }

  @Test
  void searchFindsResponsesByTextOrShortcutIgnoringCase() {
    String id = newCannedList("Search", ITEMS);

    assertThat(search(id, "REFUND"), equalTo(List.of("refund")));
    assertThat(search(id, "nice DAY"), equalTo(List.of("bye")));
    assertThat(search(id, "help"), equalTo(List.of("hello")));
    assertThat(search(id, "e"), equalTo(List.of("hello", "refund", "bye")));
    assertThat(search(id, "parcel"), equalTo(List.of()));
    assertThat(search(id, ""), equalTo(List.of("hello", "refund", "bye")));

    ExtractableResponse<Response> tooLong =
        admin()
            .queryParam("q", "x".repeat(201))
            .when()
            .get("/api/v1/canned-response-lists/" + id + "/responses")
            .then()
            .extract();
    assertThat(tooLong.statusCode(), equalTo(400));
    assertThat(errorFields(tooLong), equalTo(List.of("q")));
  }

  @Test
  void invalidListsAreA400NamingEachField() {
    ExtractableResponse<Response> refused =
        post(
            "{\"name\":\" \",\"items\":["
                + "{\"shortcut\":\"hello\",\"text\":\"Hi\"},"
                + "{\"shortcut\":\"HELLO\",\"text\":\"Hi again\"},"
                + "{\"shortcut\":\"two words\",\"text\":\"x\"},"
                + "{\"shortcut\":\"long\",\"text\":\""
                + "x".repeat(2001)
                + "\"},"
                + "{\"shortcut\":\"\",\"text\":\"\"},"
                + "{\"shortcut\":\""
                + "s".repeat(51)
                + "\",\"text\":\"ok\"}]}");

    assertThat(refused.statusCode(), equalTo(400));
    assertThat(refused.contentType(), containsString("application/problem+json"));
    assertThat(
        errorFields(refused),
        containsInAnyOrder(
            "name",
            "items[1].shortcut",
            "items[2].shortcut",
            "items[3].text",
            "items[4].shortcut",
            "items[4].text",
            "items[5].shortcut"));

    ExtractableResponse<Response> unknown =
        post("{\"name\":\"x\",\"items\":[{\"shortcut\":\"a\",\"text\":\"b\",\"emoji\":\":)\"}]}");
    assertThat(unknown.statusCode(), equalTo(400));
    assertThat(errorFields(unknown), equalTo(List.of("items[0].emoji")));

    ExtractableResponse<Response> unknownTop = post("{\"name\":\"x\",\"colour\":\"red\"}");
    assertThat(unknownTop.statusCode(), equalTo(400));
    assertThat(errorFields(unknownTop), equalTo(List.of("colour")));

    ExtractableResponse<Response> tooMany =
        post(
            "{\"name\":\"x\",\"items\":["
                + String.join(
                    ",",
                    java.util.stream.IntStream.range(0, 501)
                        .mapToObj(i -> "{\"shortcut\":\"s" + i + "\",\"text\":\"t\"}")
                        .toList())
                + "]}");
    assertThat(tooMany.statusCode(), equalTo(400));
    assertThat(errorFields(tooMany), equalTo(List.of("items")));
  }

  @Test
  void aChannelUsesExistingListsOnlyAndAListInUseCannotBeDeleted() {
    String first = newCannedList("First", ITEMS);
    String second = newCannedList("Second", ITEMS);
    String channelId = newChannel();

    ExtractableResponse<Response> accepted = useLists(channelId, first, second);
    assertThat(accepted.statusCode(), equalTo(200));
    assertThat(
        accepted.jsonPath().getList("automation.cannedResponseListIds", String.class),
        equalTo(List.of(first, second)));

    ExtractableResponse<Response> unknown =
        useLists(channelId, first, UUID.randomUUID().toString(), "faq");
    assertThat(unknown.statusCode(), equalTo(400));
    assertThat(
        errorFields(unknown),
        equalTo(
            List.of("automation.cannedResponseListIds[1]", "automation.cannedResponseListIds[2]")));

    ExtractableResponse<Response> inUse =
        admin().when().delete("/api/v1/canned-response-lists/" + second).then().extract();
    assertThat(inUse.statusCode(), equalTo(409));
    assertThat(inUse.jsonPath().getString("currentState.channels[0].id"), equalTo(channelId));

    assertThat(useLists(channelId, first).statusCode(), equalTo(200));
    admin().when().delete("/api/v1/canned-response-lists/" + second).then().statusCode(204);
    admin().when().get("/api/v1/canned-response-lists/" + second).then().statusCode(404);
    ExtractableResponse<Response> deleted = useLists(channelId, first, second);
    assertThat(deleted.statusCode(), equalTo(400));
    assertThat(errorFields(deleted), equalTo(List.of("automation.cannedResponseListIds[1]")));
  }

  @Test
  void unknownListsAre404() {
    admin().when().get("/api/v1/canned-response-lists/" + UUID.randomUUID()).then().statusCode(404);
    admin().when().get("/api/v1/canned-response-lists/nope/responses").then().statusCode(404);
    admin()
        .body("{\"name\":\"x\"}")
        .when()
        .put("/api/v1/canned-response-lists/" + UUID.randomUUID())
        .then()
        .statusCode(404);
    admin()
        .when()
        .delete("/api/v1/canned-response-lists/" + UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  @Test
  void administratorsWriteSupervisorsReadAndAgentsOnlyTheListsOfTheirChannels() {
    String listId = newCannedList("Roles", ITEMS);
    String body = "{\"name\":\"x\"}";
    supervisor().body(body).when().post("/api/v1/canned-response-lists").then().statusCode(403);
    supervisor()
        .body(body)
        .when()
        .put("/api/v1/canned-response-lists/" + listId)
        .then()
        .statusCode(403);
    supervisor().when().delete("/api/v1/canned-response-lists/" + listId).then().statusCode(403);
    supervisor().when().get("/api/v1/canned-response-lists/" + listId).then().statusCode(200);
    supervisor().when().get("/api/v1/canned-response-lists").then().statusCode(200);
    given().when().get("/api/v1/canned-response-lists/" + listId).then().statusCode(401);

    String agentId = unique("agent");
    as(agentId, "agent")
        .body(body)
        .when()
        .post("/api/v1/canned-response-lists")
        .then()
        .statusCode(403);
    as(agentId, "agent").when().get("/api/v1/canned-response-lists").then().statusCode(403);
    // Not used by a channel whose queue holds the agent yet.
    as(agentId, "agent")
        .when()
        .get("/api/v1/canned-response-lists/" + listId + "/responses")
        .then()
        .statusCode(403);

    String channelId = newChannel();
    queue(channelId, "[{\"type\":\"USER\",\"id\":\"" + agentId + "\"}]");
    assertThat(useLists(channelId, listId).statusCode(), equalTo(200));

    as(agentId, "agent")
        .queryParam("q", "refund")
        .when()
        .get("/api/v1/canned-response-lists/" + listId + "/responses")
        .then()
        .statusCode(200)
        .body("items.shortcut", equalTo(List.of("refund")));
    as(agentId, "agent")
        .when()
        .get("/api/v1/canned-response-lists/" + listId)
        .then()
        .statusCode(200);
    as(unique("stranger"), "agent")
        .when()
        .get("/api/v1/canned-response-lists/" + listId + "/responses")
        .then()
        .statusCode(403);
  }
}
