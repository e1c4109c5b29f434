package dev.switchboard.session.timers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code switchboard.timers.*}: the durable timers' scheduler. */
@ConfigMapping(prefix = "switchboard.timers")
public interface TimersConfig {

  /**
   * Off: this instance fires no timer (use cases still schedule and cancel them; another instance,
   * or this one once on again, fires them).
   */
  @WithDefault("true")
  boolean enabled();

  /** How often due timers are looked for: a timer fires at most this much after its time. */
  @WithDefault("1s")
  Duration pollingInterval();

  /** Timers fired side by side by one instance. */
  @WithDefault("4")
  int threads();

  /**
   * How often a firing in progress says it is alive; an instance that stops saying so for 6 times
   * this (crashed mid-firing) has its firing taken over by another instance.
   */
  @WithDefault("30s")
  Duration heartbeatInterval();

  /** The first retry of a failed firing comes this much later; each next one twice as late... */
  @WithDefault("1s")
  Duration retryInitialDelay();

  /** ...up to this. Retries never stop. */
  @WithDefault("30s")
  Duration retryMaxDelay();

  /** A handler still running after this failed (its transaction rolls back; retried). */
  @WithDefault("60s")
  Duration handlerTimeout();

  /** At shutdown, firings in progress are waited for this long. */
  @WithDefault("10s")
  Duration shutdownMaxWait();

  /** How often the gauge of pending timers is counted. */
  @WithDefault("30s")
  Duration pendingGaugeInterval();
}
