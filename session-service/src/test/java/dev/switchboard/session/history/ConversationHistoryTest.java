package dev.switchboard.session.history;

import static dev.switchboard.session.history.StoredConversations.agent;
import static dev.switchboard.session.history.StoredConversations.channel;
import static dev.switchboard.session.history.StoredConversations.client;
import static dev.switchboard.session.history.StoredConversations.rating;
import static dev.switchboard.session.history.StoredConversations.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * O3: the conversation list of supervisors and administrators (filters by channel, agent, state,
 * period and the A3 unanswered mark; paged newest first) and a client's log across sessions.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class ConversationHistoryTest {

  private static final Instant MORNING = Instant.parse("2026-05-11T08:00:00Z");

  @Test
  void aChannelsConversationsAreListedNewestFirstWithWhatASupervisorScans() {
    String support = channel("Support");
    String ana = agent();
    UUID maria = client("María García");
    UUID first =
        session(support, maria)
            .agent(ana)
            .openedAt(MORNING)
            .closedAt(MORNING.plusSeconds(300))
            .clientSays("Hola", "¿Hay alguien?")
            .agentReplies("¡Hola! Sí, dígame.")
            .store();
    rating(first, support, ana, 4, null, MORNING.plusSeconds(400));
    UUID second =
        session(support, maria)
            .state("QUEUED")
            .openedAt(MORNING.plusSeconds(3600))
            .unansweredSince(MORNING.plusSeconds(3900))
            .clientSays("Otra pregunta")
            .store();

    As.supervisor()
        .queryParam("channelId", support)
        .get("/api/v1/conversations")
        .then()
        .statusCode(200)
        .body("items.id", contains(second.toString(), first.toString()))
        .body("nextCursor", nullValue())
        .body("items[0].state", equalTo("QUEUED"))
        .body("items[0].unansweredSince", equalTo("2026-05-11T09:05:00Z"))
        .body("items[0].ratingScore", nullValue())
        .body("items[0].messageCount", equalTo(1))
        .body("items[1].channelId", equalTo(support))
        .body("items[1].channelName", equalTo("Support"))
        .body("items[1].state", equalTo("CLOSED"))
        .body("items[1].client.id", equalTo(maria.toString()))
        .body("items[1].client.displayName", equalTo("María García"))
        .body("items[1].client.connectorType", equalTo("telegram"))
        .body("items[1].assignedAgentId", equalTo(ana))
        .body("items[1].openedAt", equalTo("2026-05-11T08:00:00Z"))
        .body("items[1].closedAt", equalTo("2026-05-11T08:05:00Z"))
        .body("items[1].messageCount", equalTo(3))
        .body("items[1].lastMessage.text", equalTo("¡Hola! Sí, dígame."))
        .body("items[1].lastMessage.authorType", equalTo("AGENT"))
        .body("items[1].lastMessage.at", equalTo("2026-05-11T08:00:03Z"))
        .body("items[1].unansweredSince", nullValue())
        .body("items[1].ratingScore", equalTo(4));
  }

  @Test
  void theListIsNarrowedByAgentStatePeriodAndTheUnansweredMark() {
    String support = channel("Support");
    String ana = agent();
    String ben = agent();
    UUID anasClosed =
        session(support, client("A")).agent(ana).openedAt(MORNING).closedAt(MORNING).store();
    UUID anasOpen =
        session(support, client("B"))
            .state("WAITING_CLIENT")
            .agent(ana)
            .openedAt(MORNING.plusSeconds(3600))
            .store();
    UUID bensUnanswered =
        session(support, client("C"))
            .state("ASSIGNED")
            .agent(ben)
            .openedAt(MORNING.plusSeconds(7200))
            .unansweredSince(MORNING.plusSeconds(7500))
            .store();
    UUID queued =
        session(support, client("D")).state("QUEUED").openedAt(MORNING.plusSeconds(10800)).store();

    assertThat(
        ids(list(support).queryParam("agentId", ana)), contains(id(anasOpen), id(anasClosed)));
    assertThat(ids(list(support).queryParam("agentId", ben)), contains(id(bensUnanswered)));
    assertThat(ids(list(support).queryParam("state", "QUEUED")), contains(id(queued)));
    assertThat(ids(list(support).queryParam("state", "CLOSED")), contains(id(anasClosed)));
    assertThat(ids(list(support).queryParam("unanswered", "true")), contains(id(bensUnanswered)));
    assertThat(
        ids(list(support).queryParam("unanswered", "false")),
        contains(id(queued), id(anasOpen), id(anasClosed)));
    // from inclusive, to exclusive: opened 09:00 and 10:00 of the four at 08, 09, 10 and 11.
    assertThat(
        ids(
            list(support)
                .queryParam("from", MORNING.plusSeconds(3600).toString())
                .queryParam("to", MORNING.plusSeconds(10800).toString())),
        contains(id(bensUnanswered), id(anasOpen)));
    assertThat(
        ids(list(support).queryParam("agentId", ana).queryParam("state", "WAITING_CLIENT")),
        contains(id(anasOpen)));
    assertThat(ids(list(support).queryParam("agentId", "nobody-" + UUID.randomUUID())), empty());
  }

  @Test
  void pagesFollowEachOtherWithoutDuplicatesOrGaps() {
    String support = channel("Support");
    List<String> stored = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      stored.add(0, id(session(support, client("Client " + i)).openedAt(MORNING).store()));
    }

    JsonPath first = list(support).queryParam("limit", 2).get("/api/v1/conversations").jsonPath();
    JsonPath second =
        list(support)
            .queryParam("limit", 2)
            .queryParam("cursor", first.getString("nextCursor"))
            .get("/api/v1/conversations")
            .jsonPath();
    JsonPath third =
        list(support)
            .queryParam("limit", 2)
            .queryParam("cursor", second.getString("nextCursor"))
            .get("/api/v1/conversations")
            .jsonPath();

    List<String> paged = new ArrayList<>(first.getList("items.id"));
    paged.addAll(second.getList("items.id"));
    paged.addAll(third.getList("items.id"));
    assertThat(paged, equalTo(stored));
    assertThat(third.getString("nextCursor"), nullValue());
  }

  @Test
  void badFiltersAreRefusedNamingTheField() {
    As.supervisor()
        .queryParam("state", "OPEN")
        .get("/api/v1/conversations")
        .then()
        .statusCode(400)
        .body("errors.field", contains("state"))
        .body("errors[0].message", containsString("CLOSED_AWAITING_RATING"));
    As.supervisor()
        .queryParam("unanswered", "yes")
        .get("/api/v1/conversations")
        .then()
        .statusCode(400)
        .body("errors.field", contains("unanswered"));
    As.supervisor()
        .queryParam("from", "2026-05-12T00:00:00Z")
        .queryParam("to", "2026-05-11T00:00:00Z")
        .get("/api/v1/conversations")
        .then()
        .statusCode(400)
        .body("errors.field", contains("from"));
    As.supervisor()
        .queryParam("cursor", "abc")
        .get("/api/v1/conversations")
        .then()
        .statusCode(400)
        .body("errors.field", contains("cursor"));
  }

  @Test
  void aClientsLogHoldsEverySessionAcrossChannelsOldestFirst() {
    String support = channel("Support");
    String sales = channel("Sales");
    UUID maria = client("María García");
    UUID inSupport =
        session(support, maria)
            .openedAt(MORNING)
            .closedAt(MORNING.plusSeconds(60))
            .clientSays("Hola", "Gracias")
            .store();
    UUID inSales =
        session(sales, maria)
            .state("ASSIGNED")
            .agent(agent())
            .openedAt(MORNING.plusSeconds(3600))
            .clientSays("¿Precio?")
            .agentReplies("10 €")
            .store();
    UUID againInSupport =
        session(support, maria).state("QUEUED").openedAt(MORNING.plusSeconds(7200)).store();
    session(support, client("Someone else")).store();

    String log = "/api/v1/clients/" + maria + "/conversations";
    As.admin()
        .get(log)
        .then()
        .statusCode(200)
        .body("items.id", contains(id(inSupport), id(inSales), id(againInSupport)))
        .body("items.channelName", contains("Support", "Sales", "Support"))
        .body("items.messageCount", contains(2, 2, 0))
        .body("nextCursor", nullValue());

    JsonPath page = As.supervisor().queryParam("limit", 2).get(log).jsonPath();
    assertThat(page.getList("items.id"), contains(id(inSupport), id(inSales)));
    As.supervisor()
        .queryParam("cursor", page.getString("nextCursor"))
        .get(log)
        .then()
        .body("items.id", contains(id(againInSupport)));

    As.supervisor()
        .get("/api/v1/clients/" + UUID.randomUUID() + "/conversations")
        .then()
        .statusCode(404);
    As.supervisor().get("/api/v1/clients/not-a-client/conversations").then().statusCode(404);
  }

  @Test
  void onlySupervisorsAndAdministratorsReadTheHistory() {
    UUID maria = client("María García");
    String agentToken = TestTokens.token(agent(), "agent");
    for (String path :
        List.of("/api/v1/conversations", "/api/v1/clients/" + maria + "/conversations")) {
      given().get(path).then().statusCode(401);
      given().header("Authorization", "Bearer " + agentToken).get(path).then().statusCode(403);
      As.supervisor().get(path).then().statusCode(200);
      As.admin().get(path).then().statusCode(200);
    }
  }

  private static RequestSpecification list(String channelId) {
    return As.supervisor().queryParam("channelId", channelId);
  }

  private static List<String> ids(RequestSpecification request) {
    return request.get("/api/v1/conversations").then().statusCode(200).extract().path("items.id");
  }

  private static String id(UUID id) {
    return id.toString();
  }
}
