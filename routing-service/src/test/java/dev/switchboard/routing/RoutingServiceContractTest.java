package dev.switchboard.routing;

import dev.switchboard.testkit.ServiceContractTest;
import dev.switchboard.testkit.SwitchboardTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@QuarkusTest
@QuarkusTestResource(SwitchboardTestResource.class)
class RoutingServiceContractTest extends ServiceContractTest {

  @Override
  protected List<String> expectedReadinessChecks() {
    return List.of(
        "Kafka connection health check",
        "Reactive PostgreSQL connections health check",
        "Redis connection health check",
        "Routing configuration read");
  }

  @Override
  protected String schema() {
    return "routing";
  }
}
