package dev.switchboard.session.lifecycle;

import dev.switchboard.session.timers.MovableClock;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** The service with its own timer handlers and a {@link MovableClock}, polling quickly. */
public class LifecycleTestProfile implements QuarkusTestProfile {

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(MovableClock.class);
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("switchboard.timers.polling-interval", "50ms");
  }
}
