package dev.switchboard.platform.runtime.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Time is injected so that timers and simulations run without sleeping (ARCHITECTURE.md). A test or
 * a simulator replaces this bean with its own {@link Clock}.
 */
@ApplicationScoped
public class ClockProducer {

  @Produces
  @DefaultBean
  @ApplicationScoped
  Clock systemClock() {
    return Clock.systemUTC();
  }
}
