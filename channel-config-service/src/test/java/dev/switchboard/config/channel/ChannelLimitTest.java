package dev.switchboard.config.channel;

import static dev.switchboard.config.Api.admin;
import static dev.switchboard.config.Api.database;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * G2: the per-deployment limit on the number of channels. The test database keeps the channels of
 * earlier runs, so the limit is set to what exists now plus two.
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@TestProfile(ChannelLimitTest.TwoMoreChannels.class)
class ChannelLimitTest {

  /** Allows two more channels than the test database holds when the service starts. */
  public static class TwoMoreChannels implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("switchboard.channels.max-count", Long.toString(existing() + 2));
    }
  }

  static long existing() {
    try (var connection = database();
        var statement = connection.createStatement();
        var row =
            statement.executeQuery(
                "select count(*) from channel_config.channel where deleted_at is null")) {
      row.next();
      return row.getLong(1);
    } catch (java.sql.SQLException e) {
      // First run: the schema does not exist yet (Flyway makes it at start-up).
      return 0;
    }
  }

  private static ExtractableResponse<Response> create() {
    return admin().body("{}").when().post("/api/v1/channels").then().extract();
  }

  @Test
  void ofConcurrentCreationsOnlyAsManyAsTheLimitAllowsSucceedAndDeletingOneMakesRoom()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<ExtractableResponse<Response>> answers = new ArrayList<>();
    try {
      List<Callable<ExtractableResponse<Response>>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(ChannelLimitTest::create);
      }
      for (Future<ExtractableResponse<Response>> answer : pool.invokeAll(calls)) {
        answers.add(answer.get());
      }
    } finally {
      pool.shutdownNow();
    }

    List<ExtractableResponse<Response>> created =
        answers.stream().filter(a -> a.statusCode() == 201).toList();
    List<ExtractableResponse<Response>> refused =
        answers.stream().filter(a -> a.statusCode() == 409).toList();
    assertThat(created.size(), equalTo(2));
    assertThat(refused.size(), equalTo(4));
    ExtractableResponse<Response> refusal = refused.get(0);
    assertThat(refusal.contentType(), containsString("application/problem+json"));
    assertThat(refusal.<String>path("detail"), containsString("allows at most"));
    assertThat(
        refusal.<String>path("detail"), containsString("delete a channel or raise the limit"));
    assertThat(refusal.<Integer>path("currentState.maxCount"), equalTo((int) (existing())));

    admin()
        .when()
        .delete("/api/v1/channels/" + created.get(0).<String>path("id"))
        .then()
        .statusCode(204);
    assertThat(create().statusCode(), equalTo(201));
    assertThat(create().statusCode(), equalTo(409));
  }
}
