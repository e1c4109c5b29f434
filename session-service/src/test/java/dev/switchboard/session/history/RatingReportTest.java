package dev.switchboard.session.history;

import static dev.switchboard.session.history.StoredConversations.agent;
import static dev.switchboard.session.history.StoredConversations.channel;
import static dev.switchboard.session.history.StoredConversations.client;
import static dev.switchboard.session.history.StoredConversations.rating;
import static dev.switchboard.session.history.StoredConversations.session;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.switchboard.session.ConsumeFromNowOn;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * R3: a supervisor's report of the clients' ratings (count, average, distribution) per agent,
 * channel and period, its rows per agent, and a session's own rating in its GET (R1).
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(ConsumeFromNowOn.class)
class RatingReportTest {

  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant TUESDAY = Instant.parse("2026-03-03T09:00:00Z");
  private static final Instant WEDNESDAY = Instant.parse("2026-03-04T09:00:00Z");

  private String support;
  private String sales;
  private String ana;
  private String ben;
  private UUID anasMondaySession;

  /**
   * In "support": Ana rated 5 and 4 on Monday and 2 on Tuesday, Ben 3 on Tuesday; in "sales": Ana 1
   * on Monday.
   */
  @BeforeEach
  void ratings() {
    support = channel("Support");
    sales = channel("Sales");
    ana = agent();
    ben = agent();
    anasMondaySession = rated(support, ana, 5, "Great, thanks!", MONDAY);
    rated(support, ana, 4, null, MONDAY.plusSeconds(3600));
    rated(support, ana, 2, null, TUESDAY);
    rated(support, ben, 3, null, TUESDAY.plusSeconds(60));
    rated(sales, ana, 1, "Too slow", MONDAY.plusSeconds(120));
  }

  @Test
  void aChannelsReportCountsAveragesAndDistributesItsRatings() {
    As.supervisor()
        .queryParam("channelId", support)
        .get("/api/v1/ratings")
        .then()
        .statusCode(200)
        .body("count", equalTo(4))
        .body("average", equalTo(3.5f))
        .body("distribution['1']", equalTo(0))
        .body("distribution['2']", equalTo(1))
        .body("distribution['3']", equalTo(1))
        .body("distribution['4']", equalTo(1))
        .body("distribution['5']", equalTo(1))
        .body("channelId", equalTo(support))
        .body("agentId", nullValue())
        .body("from", nullValue())
        .body("to", nullValue());
  }

  @Test
  void anAgentsReportCountsTheirRatingsInEveryChannelOrInOne() {
    As.supervisor()
        .queryParam("agentId", ana)
        .get("/api/v1/ratings")
        .then()
        .statusCode(200)
        .body("count", equalTo(4))
        .body("average", equalTo(3.0f))
        .body("distribution['1']", equalTo(1));

    As.supervisor()
        .queryParam("agentId", ana)
        .queryParam("channelId", support)
        .get("/api/v1/ratings")
        .then()
        .body("count", equalTo(3))
        .body("average", equalTo(3.67f))
        .body("agentId", equalTo(ana));
  }

  @Test
  void aPeriodIncludesItsStartAndExcludesItsEnd() {
    As.supervisor()
        .queryParam("channelId", support)
        .queryParam("from", MONDAY.toString())
        .queryParam("to", TUESDAY.toString())
        .get("/api/v1/ratings")
        .then()
        .statusCode(200)
        .body("count", equalTo(2))
        .body("average", equalTo(4.5f))
        .body("from", equalTo("2026-03-02T09:00:00Z"))
        .body("to", equalTo("2026-03-03T09:00:00Z"));

    As.supervisor()
        .queryParam("channelId", support)
        .queryParam("from", TUESDAY.toString())
        .get("/api/v1/ratings")
        .then()
        .body("count", equalTo(2))
        .body("distribution['2']", equalTo(1))
        .body("distribution['3']", equalTo(1));
  }

  @Test
  void noRatingsGiveZeroAndNoAverage() {
    As.admin()
        .queryParam("channelId", "no-such-channel-" + UUID.randomUUID())
        .get("/api/v1/ratings")
        .then()
        .statusCode(200)
        .body("count", equalTo(0))
        .body("average", nullValue())
        .body("distribution['5']", equalTo(0));

    As.admin()
        .queryParam("agentId", ana)
        .queryParam("to", MONDAY.toString())
        .get("/api/v1/ratings")
        .then()
        .body("count", equalTo(0));
  }

  @Test
  void aPeriodThatEndsBeforeItStartsOrIsNoInstantIsRefused() {
    As.supervisor()
        .queryParam("from", TUESDAY.toString())
        .queryParam("to", MONDAY.toString())
        .get("/api/v1/ratings")
        .then()
        .statusCode(400)
        .body("errors.field", contains("from"));

    As.supervisor()
        .queryParam("to", "yesterday")
        .get("/api/v1/ratings/by-agent")
        .then()
        .statusCode(400)
        .body("errors.field", contains("to"));
  }

  @Test
  void byAgentGivesOneRowPerAgentOfTheChannelAndPeriod() {
    As.supervisor()
        .queryParam("channelId", support)
        .get("/api/v1/ratings/by-agent")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(2))
        .body("items.find { it.agentId == '" + ana + "' }.count", equalTo(3))
        .body("items.find { it.agentId == '" + ana + "' }.average", equalTo(3.67f))
        .body("items.find { it.agentId == '" + ben + "' }.count", equalTo(1))
        .body("items.find { it.agentId == '" + ben + "' }.average", equalTo(3.0f))
        .body("nextCursor", nullValue());

    As.supervisor()
        .queryParam("channelId", support)
        .queryParam("to", TUESDAY.toString())
        .get("/api/v1/ratings/by-agent")
        .then()
        .body("items.agentId", contains(ana))
        .body("items[0].count", equalTo(2))
        .body("items[0].distribution['5']", equalTo(1));
  }

  @Test
  void aSessionShowsItsRating() {
    As.supervisor()
        .get("/api/v1/sessions/" + anasMondaySession)
        .then()
        .statusCode(200)
        .body("id", equalTo(anasMondaySession.toString()))
        .body("channelName", equalTo("Support"))
        .body("state", equalTo("CLOSED"))
        .body("assignedAgentId", equalTo(ana))
        .body("rating.score", equalTo(5))
        .body("rating.comment", equalTo("Great, thanks!"))
        .body("rating.ratedAt", equalTo("2026-03-02T09:00:00Z"))
        .body("awaitingRatingUntil", nullValue())
        .body("unansweredSince", nullValue());

    UUID unrated =
        session(support, client("Ivan")).state("ASSIGNED").agent(ana).clientSays("Hi").store();
    given()
        .header("Authorization", "Bearer " + TestTokens.token(ana, "agent"))
        .get("/api/v1/sessions/" + unrated)
        .then()
        .statusCode(200)
        .body("state", equalTo("ASSIGNED"))
        .body("rating", nullValue())
        .body("lastMessage.text", equalTo("Hi"))
        .body("$", org.hamcrest.Matchers.hasKey("rating"));
  }

  @Test
  void onlySupervisorsAndAdministratorsReadTheReport() {
    given().get("/api/v1/ratings").then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + TestTokens.token(ana, "agent"))
        .get("/api/v1/ratings")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", "Bearer " + TestTokens.token(ana, "agent"))
        .get("/api/v1/ratings/by-agent")
        .then()
        .statusCode(403);
    As.admin()
        .get("/api/v1/ratings/by-agent")
        .then()
        .statusCode(200)
        .body("items.agentId", hasItem(ben));
  }

  private static UUID rated(
      String channelId, String agentId, int score, String comment, Instant at) {
    UUID id =
        session(channelId, client("Client"))
            .agent(agentId)
            .openedAt(at.minusSeconds(600))
            .closedAt(at.minusSeconds(60))
            .clientSays("Hello")
            .agentReplies("Anything else?")
            .store();
    rating(id, channelId, agentId, score, comment, at);
    return id;
  }
}
