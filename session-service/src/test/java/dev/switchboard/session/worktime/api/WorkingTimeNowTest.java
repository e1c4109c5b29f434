package dev.switchboard.session.worktime.api;

import static dev.switchboard.session.directory.ChannelCopies.awaitVersion;
import static dev.switchboard.session.directory.ChannelCopies.publish;
import static dev.switchboard.session.directory.ChannelCopies.publishDeletion;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * W3: {@code GET /api/v1/channels/{id}/working-time/now} answers from the channel copy that
 * session-service read from {@code oc.config.channels.v1}, without a token.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class WorkingTimeNowTest {

  private static final String PATH = "/api/v1/channels/{id}/working-time/now";

  @Test
  void aChannelWithoutWorkingTimeIsOpenAndNeverCloses() {
    String channelId = channel(JsonNodeFactory.instance.objectNode().put("enabled", false));

    JsonPath answer = given().get(PATH, channelId).then().statusCode(200).extract().jsonPath();

    assertThat(answer.getString("channelId"), equalTo(channelId));
    assertThat(answer.getBoolean("open"), equalTo(true));
    assertThat(answer.getString("now"), notNullValue());
    assertThat(answer.getString("timeZone"), equalTo("UTC"));
    assertThat(answer.getString("nextOpeningAt"), nullValue());
    assertThat(answer.getString("nextClosingAt"), nullValue());
    // showInWidget is off: the hours are not shown.
    assertThat(answer.getMap(""), not(hasKey("weekly")));
    assertThat(answer.getMap(""), not(hasKey("upcomingHolidays")));
  }

  @Test
  void onAHolidayItIsClosedAndTellsWhenItOpensAndClosesNextWithTheHoursForTheWidget() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate tomorrow = today.plusDays(1);
    ObjectNode workingTime =
        JsonNodeFactory.instance
            .objectNode()
            .put("enabled", true)
            .put("timeZone", "UTC")
            .put("showInWidget", true);
    ObjectNode weekly = workingTime.putObject("weekly");
    for (DayOfWeek day : DayOfWeek.values()) {
      weekly.putArray(day.name()).addObject().put("from", "00:00").put("to", "24:00");
    }
    workingTime.putArray("holidays").add(today.toString());
    workingTime.putArray("recurringHolidays").add(MonthDay.from(tomorrow).toString());
    String channelId = channel(workingTime);

    JsonPath answer =
        given()
            .get(PATH, channelId)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .jsonPath();
    assumeTrue(
        LocalDate.ofInstant(Instant.parse(answer.getString("now")), ZoneOffset.UTC).equals(today),
        "midnight passed during the test");

    assertThat(answer.getBoolean("open"), equalTo(false));
    // Open from the day after tomorrow, around the clock until the recurring holiday next year.
    assertThat(
        answer.getString("nextOpeningAt"),
        equalTo(today.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC).toString()));
    assertThat(
        answer.getString("nextClosingAt"),
        equalTo(tomorrow.plusYears(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString()));
    assertThat(
        answer.getList("weekly.MONDAY"), equalTo(List.of(Map.of("from", "00:00", "to", "24:00"))));
    assertThat(answer.getList("daysOff"), equalTo(List.of()));
    assertThat(
        answer.getList("upcomingHolidays"),
        equalTo(List.of(today.toString(), tomorrow.toString())));
  }

  @Test
  void aTokenIsNotNeededAndNotChecked() {
    String channelId = channel(JsonNodeFactory.instance.objectNode().put("enabled", false));
    given()
        .header("Authorization", "Bearer " + TestTokens.token("agent-1", "agent"))
        .get(PATH, channelId)
        .then()
        .statusCode(200);
    given()
        .header("Authorization", "Bearer " + TestTokens.expiredToken("agent-1", "agent"))
        .get(PATH, channelId)
        .then()
        .statusCode(200);
  }

  @Test
  void anUnknownOrDeletedChannelIsA404ProblemJson() {
    given()
        .get(PATH, UUID.randomUUID().toString())
        .then()
        .statusCode(404)
        .contentType(containsString("application/problem+json"))
        .body("status", equalTo(404));

    String channelId = channel(JsonNodeFactory.instance.objectNode().put("enabled", false));
    publishDeletion(channelId, 2);
    awaitVersion(channelId, 2);
    given()
        .get(PATH, channelId)
        .then()
        .statusCode(404)
        .contentType(containsString("application/problem+json"));
  }

  /** A new channel with this workingTime section, known to session-service when this returns. */
  private static String channel(ObjectNode workingTime) {
    String channelId = UUID.randomUUID().toString();
    publish(channelId, 1, Map.<String, JsonNode>of("workingTime", workingTime));
    awaitVersion(channelId, 1);
    return channelId;
  }
}
