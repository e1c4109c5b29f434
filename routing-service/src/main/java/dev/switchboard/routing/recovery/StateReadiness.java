package dev.switchboard.routing.recovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while routing's Redis state is missing or being rebuilt ({@link StateRecovery}). */
@Readiness
@ApplicationScoped
public class StateReadiness implements HealthCheck {

  @Inject StateRecovery recovery;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("Routing state in Redis whole")
        .status(recovery.intact())
        .build();
  }
}
