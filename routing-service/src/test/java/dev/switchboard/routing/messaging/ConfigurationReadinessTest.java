package dev.switchboard.routing.messaging;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.OptionalLong;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness follows the initial read of the configuration, and says how far it got. */
class ConfigurationReadinessTest {

  @Test
  void downWithTheRecordsStillToReadUntilTheConfigurationIsRead() {
    HealthCheckResponse reading = readiness(false, OptionalLong.of(12_345)).call();
    HealthCheckResponse read = readiness(true, OptionalLong.of(0)).call();

    assertThat(reading.getStatus(), equalTo(HealthCheckResponse.Status.DOWN));
    assertThat(reading.getData().orElseThrow().get("configRecordsBehind"), equalTo(12_345L));
    assertThat(read.getStatus(), equalTo(HealthCheckResponse.Status.UP));
  }

  @Test
  void downWhileTheEndOffsetsAreNotKnownYet() {
    assertThat(
        readiness(false, OptionalLong.empty()).call().getStatus(),
        equalTo(HealthCheckResponse.Status.DOWN));
  }

  private static ConfigurationReadiness readiness(boolean done, OptionalLong behind) {
    ConfigurationReadiness readiness = new ConfigurationReadiness();
    readiness.catchUp =
        new CatchUp() {
          @Override
          public boolean initialReadDone() {
            return done;
          }

          @Override
          public OptionalLong initialRecordsBehind() {
            return behind;
          }
        };
    return readiness;
  }
}
