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
 * endpoint against every kind of caller, one table. {@code ok} is any answer but 401, 403 and a 5xx
 * (what an allowed caller then gets is the endpoint's own tests' business); {@code -} is not
 * called, as an administrator's write would change what the other rows read (it has its own tests).
 */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class AccessMatrixTest {

  private static final List<String> CALLERS =
      List.of(
          "anonymous",
          "admin of another audience",
          "agent of another channel",
          "supervisor",
          "bot",
          "admin");

  @Test
  void everyEndpointAnswersEachKindOfCallerAsTheRolesSay() {
    String c = "/api/v1/channels/" + Api.newChannel();
    String agent = "agent-" + UUID.randomUUID();
    String list = "/api/v1/canned-response-lists/" + UUID.randomUUID();
    // method path: anonymous, other audience, agent of another channel, supervisor, bot, admin
    List<String> table =
        List.of(
            "GET    /api/v1/channels                  401 401 403 200 403 200",
            "POST   /api/v1/channels                  401 401 403 403 403 -",
            "GET    " + c + "                         401 401 403 200 403 200",
            "PUT    " + c + "                         401 401 403 403 403 -",
            "DELETE " + c + "                         401 401 403 403 403 -",
            "GET    " + c + "/agent-view              401 401 403 200 403 200",
            "GET    " + c + "/queue                   401 401 403 ok  403 ok",
            "PUT    " + c + "/queue                   401 401 403 403 403 -",
            "GET    " + c + "/connectors              401 401 403 ok  403 ok",
            "POST   " + c + "/connectors              401 401 403 403 403 -",
            "GET    " + c + "/agent-entries           401 401 403 ok  403 ok",
            "PUT    " + c + "/agent-entries/" + agent + " 401 401 403 403 403 -",
            "GET    /api/v1/agents                    401 401 403 ok  403 ok",
            "PUT    /api/v1/agents/" + agent + "      401 401 403 403 403 -",
            "GET    /api/v1/canned-response-lists     401 401 403 ok  403 ok",
            "POST   /api/v1/canned-response-lists     401 401 403 403 403 -",
            "PUT    " + list + "                      401 401 403 403 403 -");

    List<String> wrong = new ArrayList<>();
    for (String row : table) {
      String[] cells = row.trim().split("\\s+");
      for (int i = 0; i < CALLERS.size(); i++) {
        String expected = cells[2 + i];
        if (expected.equals("-")) {
          continue;
        }
        int status =
            caller(CALLERS.get(i))
                .contentType("application/json")
                .body("{}")
                .request(cells[0], cells[1])
                .statusCode();
        boolean right =
            expected.equals("ok")
                ? status != 401 && status != 403 && status < 500
                : status == Integer.parseInt(expected);
        if (!right) {
          wrong.add(
              cells[0]
                  + " "
                  + cells[1]
                  + " as "
                  + CALLERS.get(i)
                  + ": "
                  + status
                  + ", not "
                  + expected);
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
