package dev.switchboard.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What operations teams rely on from every service: readiness that reflects the real broker,
 * database and Redis; liveness; Prometheus metrics; an OpenAPI description. A service's test
 * extends this class, is annotated
 * {@code @QuarkusTest @QuarkusTestResource(SwitchboardTestResource.class)} and names its checks.
 */
public abstract class ServiceContractTest {

  /** Names of the readiness checks this service must report UP (its infrastructure). */
  protected abstract List<String> expectedReadinessChecks();

  /**
   * A request to where the service serves its metrics and OpenAPI: its HTTP port, unless it has a
   * management port of its own (the gateway).
   */
  protected RequestSpecification operations() {
    return given();
  }

  @Test
  void readinessIsUpAndReportsEveryPieceOfInfrastructureTheServiceUses() {
    JsonPath health =
        given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
    List<String> names = health.getList("checks.name");
    org.hamcrest.MatcherAssert.assertThat(
        names, hasItems(expectedReadinessChecks().toArray(String[]::new)));
    org.hamcrest.MatcherAssert.assertThat(health.getString("status"), equalTo("UP"));
    org.hamcrest.MatcherAssert.assertThat(
        health.getList("checks.status"), org.hamcrest.Matchers.everyItem(equalTo("UP")));
  }

  @Test
  void livenessIsUp() {
    given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void prometheusMetricsAreExposed() {
    operations()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"))
        .body(containsString("http_server_"));
  }

  @Test
  void openApiDescribesTheService() {
    operations()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("openapi", notNullValue())
        .body("info.title", containsString("Switchboard"));
  }

  @Test
  void flywayHasMigratedTheServiceOwnSchema() throws Exception {
    String url =
        "jdbc:postgresql://"
            + Infrastructure.pgHost()
            + ":"
            + Infrastructure.pgPort()
            + "/"
            + Infrastructure.pgTestDatabase();
    try (var connection =
            java.sql.DriverManager.getConnection(
                url, Infrastructure.pgUser(), Infrastructure.pgPassword());
        var statement =
            connection.prepareStatement(
                "select count(*) from " + schema() + ".flyway_schema_history where success");
        var result = statement.executeQuery()) {
      result.next();
      org.hamcrest.MatcherAssert.assertThat(result.getInt(1), org.hamcrest.Matchers.greaterThan(0));
    }
  }

  /** The PostgreSQL schema this service owns. */
  protected abstract String schema();
}
