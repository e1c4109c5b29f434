package dev.switchboard.session.history;

import static io.restassured.RestAssured.given;

import dev.switchboard.testkit.TestTokens;
import io.restassured.specification.RequestSpecification;

/** Requests with the token of a supervisor or an administrator. */
final class As {

  private As() {}

  static RequestSpecification supervisor() {
    return given()
        .header("Authorization", "Bearer " + TestTokens.token("supervisor1", "supervisor"));
  }

  static RequestSpecification admin() {
    return given().header("Authorization", "Bearer " + TestTokens.token("admin1", "admin"));
  }
}
