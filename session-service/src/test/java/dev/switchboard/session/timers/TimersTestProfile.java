package dev.switchboard.session.timers;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * The service with a {@link MovableClock} and recording handlers for the timer kinds (in place of
 * the service's own, if any), quick polling and short retries.
 */
public class TimersTestProfile implements QuarkusTestProfile {

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(
        MovableClock.class,
        RecordingHandlers.Unanswered.class,
        RecordingHandlers.RatingWait.class,
        RecordingHandlers.ConversationTimeout.class);
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "switchboard.timers.polling-interval", "50ms",
        "switchboard.timers.retry-initial-delay", "10s",
        "switchboard.timers.retry-max-delay", "40s",
        "switchboard.timers.pending-gauge-interval", "100ms");
  }
}
