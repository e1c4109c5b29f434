package dev.switchboard.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who may call each endpoint of the channel administration API (G1, API.md "Identity"): every
 * endpoint against every kind of caller, one table. {@code ALLOWED} is any answer but 401, 403 and
 * a 5xx (what an allowed caller then gets is the endpoint's own tests' business).
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class AccessMatrixTest {

  private static final int ALLOWED = 0;
  /** Not called: the call would change data the other rows read (admins' writes have own tests). */
  private static final int SKIPPED = -1;

  private static final String[] CALLERS = {
    "anonymous", "admin of another audience", "agent of another channel", "supervisor", "bot", "admin"
  };

  private record Row(String method, String path, int... expected) {}

  @Test
  void everyEndpointAnswersEachKindOfCallerAsTheRolesSay() {
    String channel = Api.newChannel();
    String agent = "agent-" + UUID.randomUUID();
    String list = UUID.randomUUID().toString();
    List<Row> table =
        List.of(
            //          anonymous, other aud, agent, supervisor, bot, admin
            new Row("GET", "/api/v1/channels", 401, 401, 403, 200, 403, 200),
            new Row("POST", "/api/v1/channels", 401, 401, 403, 403, 403, SKIPPED),
            new Row("GET", "/api/v1/channels/" + channel, 401, 401, 403, 200, 403, 200),
            new Row("PUT", "/api/v1/channels/" + channel, 401, 401, 403, 403, 403, SKIPPED),
            new Row("DELETE", "/api/v1/channels/" + channel, 401, 401, 403, 403, 403, SKIPPED),
            new Row(
                "GET",
                "/api/v1/channels/" + channel + "/agent-view",
                401,
                401,
                403,
                200,
                403,
                200),
            new Row(
                "GET", "/api/v1/channels/" + channel + "/queue", 401, 401, 403, ALLOWED, 403,
                ALLOWED),
            new Row(
                "PUT", "/api/v1/channels/" + channel + "/queue", 401, 401, 403, 403, 403, SKIPPED),
            new Row(
                "GET",
                "/api/v1/channels/" + channel + "/connectors",
                401,
                401,
                403,
                ALLOWED,
                403,
                ALLOWED),
            new Row(
                "POST",
                "/api/v1/channels/" + channel + "/connectors",
                401,
                401,
                403,
                403,
                403,
                SKIPPED),
            new Row(
                "GET",
                "/api/v1/channels/" + channel + "/agent-entries",
                401,
                401,
                403,
                ALLOWED,
                403,
                ALLOWED),
            new Row(
                "PUT",
                "/api/v1/channels/" + channel + "/agent-entries/" + agent,
                401,
                401,
                403,
                403,
                403,
                SKIPPED),
            new Row("GET", "/api/v1/agents", 401, 401, 403, ALLOWED, 403, ALLOWED),
            new Row("PUT", "/api/v1/agents/" + agent, 401, 401, 403, 403, 403, SKIPPED),
            new Row("GET", "/api/v1/canned-response-lists", 401, 401, 403, ALLOWED, 403, ALLOWED),
            new Row("POST", "/api/v1/canned-response-lists", 401, 401, 403, 403, 403, SKIPPED),
            new Row(
                "PUT", "/api/v1/canned-response-lists/" + list, 401, 401, 403, 403, 403, SKIPPED));

    List<String> wrong = new ArrayList<>();
    for (Row row : table) {
      for (int i = 0; i < CALLERS.length; i++) {
        int expected = row.expected()[i];
        if (expected == SKIPPED) {
          continue;
        }
        int status =
            caller(CALLERS[i])
                .contentType("application/json")
                .body("{}")
                .request(row.method(), row.path())
                .statusCode();
        boolean right =
            expected == ALLOWED
                ? status != 401 && status != 403 && status < 500
                : status == expected;
        if (!right) {
          wrong.add(
              row.method()
                  + " "
                  + row.path()
                  + " as "
                  + CALLERS[i]
                  + ": "
                  + status
                  + ", expected "
                  + (expected == ALLOWED ? "allowed" : expected));
        }
      }
    }
    assertThat(wrong, empty());
  }

  private static RequestSpecification caller(String kind) {
    String token =
        switch (kind) {
          case "anonymous" -> null;
          case "admin of another audience" -> TestTokens.tokenForAnotherAudience("admin1", "admin");
          case "agent of another channel" ->
              TestTokens.token("agent-" + UUID.randomUUID(), "agent");
          case "supervisor" -> TestTokens.token("supervisor1", "supervisor");
          case "bot" -> TestTokens.token("bot-" + UUID.randomUUID(), "bot");
          case "admin" -> TestTokens.token("admin1", "admin");
          default -> throw new IllegalArgumentException(kind);
        };
    return token == null ? given() : given().header("Authorization", "Bearer " + token);
  }
}
