package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.testkit.ServiceContractTest;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class GatewayServiceContractTest extends ServiceContractTest {

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @Override
  protected List<String> expectedReadinessChecks() {
    return List.of(
        "Kafka connection health check",
        "Reactive PostgreSQL connections health check",
        "Redis connection health check",
        "Connector secrets");
  }

  @Override
  protected RequestSpecification operations() {
    return given().baseUri("http://" + management.getHost()).port(management.getPort());
  }

  @Test
  void theInternetFacingPortServesHealthButNeitherMetricsNorOpenApi() {
    given().get("/q/metrics").then().statusCode(404);
    given().accept("application/json").get("/q/openapi").then().statusCode(404);
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void openApiDescribesTheWebhookAndTheAgentApi() {
    operations()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths", hasKey("/webhooks/telegram/{connectorId}"))
        .body("paths", hasKey("/api/v1/agent/status"));
  }

  @Override
  protected String schema() {
    return "gateway";
  }
}
