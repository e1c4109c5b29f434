package dev.switchboard.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.testkit.SwitchboardTestResource;
import dev.switchboard.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** G1 and API.md "Identity": who gets in, and how a refusal looks. */
@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class AccessControlTest {

  private static RequestSpecification as(String token) {
    return given().header("Authorization", "Bearer " + token);
  }

  private static void refusedAsUnauthenticated(RequestSpecification request) {
    request
        .when()
        .get("/api/v1/channels")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .contentType("application/problem+json")
        .body("status", equalTo(401));
  }

  @Test
  void aRequestWithoutATokenIsRefusedWith401() {
    refusedAsUnauthenticated(given());
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefusedWith401() {
    refusedAsUnauthenticated(as(TestTokens.tokenSignedByAnotherKey("admin1", "admin")));
  }

  @Test
  void anUnsignedTokenWithAlgNoneIsRefusedWith401() {
    refusedAsUnauthenticated(as(TestTokens.unsignedToken("admin1", "admin")));
  }

  @Test
  void anExpiredTokenIsRefusedWith401() {
    refusedAsUnauthenticated(as(TestTokens.expiredToken("admin1", "admin")));
  }

  @Test
  void aTokenFromAnotherIssuerIsRefusedWith401() {
    refusedAsUnauthenticated(as(TestTokens.tokenFromAnotherIssuer("admin1", "admin")));
  }

  @Test
  void aTokenOfTheIssuerForAnotherAudienceIsRefusedWith401() {
    refusedAsUnauthenticated(as(TestTokens.tokenForAnotherAudience("admin1", "admin")));
  }

  @Test
  void aTokenOfTheIssuerWithoutAnAudienceIsRefusedWith401() {
    refusedAsUnauthenticated(as(TestTokens.tokenWithoutAudience("admin1", "admin")));
  }

  @Test
  void aGarbledTokenIsRefusedWith401() {
    refusedAsUnauthenticated(as("not-a-jwt"));
  }

  @Test
  void anAgentMayNotReadTheChannelListAndGets403() {
    as(TestTokens.token("agent1", "agent"))
        .when()
        .get("/api/v1/channels")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403));
  }

  @Test
  void aSupervisorMayReadChannelsButNotCreateThem() {
    as(TestTokens.token("supervisor1", "supervisor"))
        .when()
        .get("/api/v1/channels")
        .then()
        .statusCode(200);
    as(TestTokens.token("supervisor1", "supervisor"))
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/v1/channels")
        .then()
        .statusCode(403);
  }

  @Test
  void anAdministratorMayCreateChannels() {
    as(TestTokens.token("admin1", "admin"))
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/v1/channels")
        .then()
        .statusCode(201);
  }
}
