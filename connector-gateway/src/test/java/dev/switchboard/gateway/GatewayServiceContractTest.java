package dev.switchboard.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

import dev.switchboard.gateway.support.GatewayStubsResource;
import dev.switchboard.testkit.ServiceContractTest;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
@QuarkusTestResource(GatewayStubsResource.class)
class GatewayServiceContractTest extends ServiceContractTest {

  @Override
  protected List<String> expectedReadinessChecks() {
    return List.of(
        "Kafka connection health check",
        "Reactive PostgreSQL connections health check",
        "Redis connection health check");
  }

  @Test
  void openApiDescribesTheWebhookAndTheAgentApi() {
    given()
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
