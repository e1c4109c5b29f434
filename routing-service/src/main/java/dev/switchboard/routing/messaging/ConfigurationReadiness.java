package dev.switchboard.routing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until this instance has read the configuration topics up to their ends at the start ({@link
 * CatchUp}): with a half-read configuration, channels and agents are missing, and a session would
 * be routed to nobody. Kubernetes then sends no traffic (accept/decline, the waiting query) to it.
 */
@Readiness
@ApplicationScoped
public class ConfigurationReadiness implements HealthCheck {

  static final String NAME = "Routing configuration read";

  @Inject CatchUp catchUp;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(NAME).status(catchUp.initialReadDone());
    catchUp
        .initialRecordsBehind()
        .ifPresent(behind -> response.withData("configRecordsBehind", behind));
    return response.build();
  }
}
